using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.Interactions.Commitments;

/// <summary>A commitment as the API shows it; <c>overdue</c> is true while it is open past its due time.</summary>
public sealed record CommitmentResponse(
    Guid Id,
    Guid CustomerId,
    string Description,
    string OwnerId,
    DateTimeOffset DueAt,
    string Status,
    bool Overdue,
    Guid? InteractionId,
    Guid? TicketId,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    string? ClosingNote)
{
    public static CommitmentResponse From(Commitment c, DateTimeOffset now) => new(
        c.Id, c.CustomerId, c.Description, c.OwnerId, c.DueAt.ToUniversalTime(), c.Status.ToWireName(), c.IsOverdue(now),
        c.InteractionId, c.TicketId, c.CreatedAt.ToUniversalTime(), c.CreatedBy, c.ClosedAt?.ToUniversalTime(), c.ClosedBy, c.ClosingNote);
}

public sealed record CommitmentPage(IReadOnlyList<CommitmentResponse> Items, string? NextCursor);

/// <summary>The body of <c>POST /api/commitments</c>, for the API reference (the body is read field by field).</summary>
public sealed record CommitmentRequest(Guid CustomerId, string Description, string? OwnerId, DateTimeOffset DueAt, Guid? InteractionId, Guid? TicketId);

public sealed record CompleteCommitmentRequest(string? Note);

public sealed record CancelCommitmentRequest(string Reason);
