namespace CrmPlatform.Customers.Import;

/// <summary>An import job as the API shows it.</summary>
public sealed record ImportJobResponse(
    Guid Id, string Status, string FileName, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    long RowsRead, long Created, long Updated, long Unchanged, long Rejected, long RejectionsNotKept, string? Error)
{
    public static ImportJobResponse From(ImportJob job) => new(
        job.Id, job.Status.ToString().ToLowerInvariant(), job.FileName, job.CreatedBy, job.CreatedAt, job.StartedAt, job.FinishedAt,
        job.RowsRead, job.Created, job.Updated, job.Unchanged, job.Rejected, job.RejectionsNotKept, job.Error);
}

/// <summary>One rejected field of one line.</summary>
public sealed record ImportRejectionResponse(long Line, string Field, string Reason);

/// <summary>A page of rejections; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record ImportRejectionPage(IReadOnlyList<ImportRejectionResponse> Items, string? NextCursor);
