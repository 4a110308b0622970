namespace CrmPlatform.Customers.Import;

/// <summary>How <see cref="CsvReader"/> reads; the limits keep one hostile line from using unbounded memory.</summary>
public sealed record CsvReaderOptions
{
    /// <summary>',' or ';'.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Characters of a field after unquoting; a longer one makes its record an error.</summary>
    public int MaxFieldLength { get; init; } = 4_000;

    /// <summary>More fields than this make the record an error.</summary>
    public int MaxFieldsPerRecord { get; init; } = 100;

    /// <summary>Characters asked of the underlying reader at a time.</summary>
    public int BufferSize { get; init; } = 16 * 1024;
}
