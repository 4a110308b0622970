using System.Diagnostics.CodeAnalysis;

namespace CrmPlatform.Customers.Import;

/// <summary>
/// One record of a CSV input, or the error that made it unreadable.
/// </summary>
/// <remarks>
/// Owned by its <see cref="CsvReader"/>: the same instance is refilled by every read, so copy
/// <see cref="Fields"/> (e.g. <c>[.. record.Fields]</c>) to keep them past the next one. The strings themselves
/// are new for each record and safe to keep.
/// </remarks>
public sealed class CsvRecord
{
    private readonly List<string> _fields = [];

    /// <summary>The physical line (1-based) where the record starts; blank lines and line breaks inside quotes count.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The unquoted values; empty when the record is an error.</summary>
    public IReadOnlyList<string> Fields => _fields;

    public CsvErrorKind ErrorKind { get; private set; }

    /// <summary>What is wrong, in English (e.g. "unterminated quoted field"); null for a good record.</summary>
    public string? Error { get; private set; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    internal int FieldCount => _fields.Count;

    internal void Start(long lineNumber)
    {
        LineNumber = lineNumber;
        _fields.Clear();
        ErrorKind = CsvErrorKind.None;
        Error = null;
    }

    internal void Add(string field) => _fields.Add(field);

    internal void Fail(CsvErrorKind kind, string error)
    {
        _fields.Clear();
        ErrorKind = kind;
        Error = error;
    }
}
