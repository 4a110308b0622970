namespace CrmPlatform.Customers.Import;

/// <summary>How <see cref="CsvWriter"/> writes.</summary>
public sealed record CsvWriterOptions
{
    /// <summary>',' or ';'.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Starts the output with U+FEFF: Excel needs it to read UTF-8, most other tools do not want it.</summary>
    public bool WriteByteOrderMark { get; init; }
}
