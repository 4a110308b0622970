namespace CrmPlatform.Customers.Import;

/// <summary>Configuration section <c>Import</c>.</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>Rows per transaction: large enough to amortise round trips, small enough to keep locks and memory short.</summary>
    public int BatchSize { get; set; } = 2_000;

    /// <summary>The largest upload accepted (413 above).</summary>
    public long MaxFileBytes { get; set; } = 1L << 30;

    /// <summary>Rejection rows stored per job; the rest are only counted, so one bad file cannot fill the database.</summary>
    public int MaxRejectionsKept { get; set; } = 10_000;

    /// <summary>Where uploads wait for the worker; the system's temporary folder when empty.</summary>
    public string? Folder { get; set; }
}
