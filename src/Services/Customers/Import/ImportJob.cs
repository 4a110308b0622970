namespace CrmPlatform.Customers.Import;

/// <summary>
/// One CSV import: its file, who asked for it, where it got to. The counters are written in the
/// same transaction as each batch of customers, so they always match what is committed.
/// </summary>
public sealed class ImportJob
{
    public Guid Id { get; init; }
    public ImportJobStatus Status { get; set; }
    public required string FileName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public required string CreatedBy { get; init; }
    public long RowsRead { get; set; }
    public long Created { get; set; }
    public long Updated { get; set; }
    public long Unchanged { get; set; }
    public long Rejected { get; set; }

    /// <summary>Rejection rows stored in <c>import_rejections</c>, up to the per-job cap.</summary>
    public long RejectionsKept { get; set; }

    /// <summary>Rejections beyond the per-job cap: counted, not stored.</summary>
    public long RejectionsNotKept { get; set; }

    /// <summary>The last line of the last committed batch: everything up to it is imported.</summary>
    public long CommittedThroughLine { get; set; }

    public string? Error { get; set; }

    /// <summary>The counters, to put back when a batch rolls back.</summary>
    public ImportProgress Progress
    {
        get => new(RowsRead, Created, Updated, Unchanged, Rejected, RejectionsKept, RejectionsNotKept, CommittedThroughLine);
        set => (RowsRead, Created, Updated, Unchanged, Rejected, RejectionsKept, RejectionsNotKept, CommittedThroughLine) = value;
    }
}

public readonly record struct ImportProgress(
    long RowsRead, long Created, long Updated, long Unchanged, long Rejected, long RejectionsKept, long RejectionsNotKept, long CommittedThroughLine);

public enum ImportJobStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>A line of an import that was not imported, and why; one row per invalid field.</summary>
public sealed class ImportRejection
{
    public long Id { get; private set; }
    public Guid JobId { get; init; }
    public long Line { get; init; }
    public required string Field { get; init; }
    public required string Reason { get; init; }
}
