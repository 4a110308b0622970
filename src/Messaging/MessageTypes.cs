using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using CrmPlatform.Contracts;
using MassTransit;

namespace CrmPlatform.Messaging;

/// <summary>
/// The message types we publish and consume, by their wire name (MassTransit's URN,
/// <c>urn:message:Namespace:TypeName</c>), and the one JSON form of their bodies.
/// </summary>
public static class MessageTypes
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly ConcurrentDictionary<string, Type> _byUrn = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, Func<object, Guid?>> _customerIdReaders = new();

    static MessageTypes()
    {
        foreach (var type in typeof(SchemaVersionAttribute).Assembly.GetExportedTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && !typeof(Attribute).IsAssignableFrom(t)))
        {
            Register(type);
        }
    }

    /// <summary>Makes a type outside the contracts assembly publishable (tests, benchmarks).</summary>
    public static void Register(Type type) => _byUrn.TryAdd(UrnOf(type), type);

    public static string UrnOf(Type type) => MessageUrn.ForTypeString(type);

    public static Type? Resolve(string urn) => _byUrn.GetValueOrDefault(urn);

    /// <summary>The known message types of one source (a contracts namespace), in a stable order.</summary>
    public static IReadOnlyList<Type> InNamespace(string? ns) =>
        [.. _byUrn.Values.Where(t => t.Namespace == ns).Distinct().OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static int SchemaVersionOf(Type type) => type.GetCustomAttribute<SchemaVersionAttribute>()?.Version ?? 1;

    /// <summary>The message's own <c>CustomerId</c> property, for events that arrive without our headers.</summary>
    public static Guid? CustomerIdOf(object message) =>
        _customerIdReaders.GetOrAdd(message.GetType(), type =>
            type.GetProperty("CustomerId") is { } property && property.PropertyType == typeof(Guid)
                ? m => (Guid)property.GetValue(m)!
                : _ => null)(message);
}
