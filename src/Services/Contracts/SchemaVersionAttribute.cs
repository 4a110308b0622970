namespace CrmPlatform.Contracts;

/// <summary>
/// The version of an event's schema, sent with every message (header <c>crm-schema-version</c>).
/// Optional properties may be added within a version; consumers ignore what they do not know. A
/// change that old consumers could misread is a new type, not a new version of this one. Absent
/// means 1.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SchemaVersionAttribute(int version) : Attribute
{
    public int Version { get; } = version;
}
