namespace CrmPlatform.Contracts.Interactions;

/// <summary>
/// A call, visit, meeting, e-mail, message, letter or note with a customer was logged.
/// <c>Type</c>: <c>call</c>, <c>visit</c>, <c>meeting</c>, <c>email</c>, <c>message</c>, <c>letter</c>, <c>note</c>.
/// <c>Direction</c>: <c>inbound</c>, <c>outbound</c>. <c>Outcome</c>: <c>positive</c>, <c>neutral</c>, <c>negative</c>
/// or null. <c>Departments</c>: who may see it (<c>sales</c>, <c>support</c>, <c>accounting</c>, <c>logistics</c>,
/// <c>marketing</c>). The summary is not on the wire: it may hold personal detail meant only for those
/// departments, so it is read through the API, which applies their visibility.
/// </summary>
public sealed record InteractionLogged
{
    public required Guid InteractionId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Type { get; init; }
    /// <summary><c>inbound</c> or <c>outbound</c>; null for a note.</summary>
    public string? Direction { get; init; }
    public required string Channel { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public int? DurationSeconds { get; init; }
    public required string EmployeeId { get; init; }
    public required IReadOnlyList<Guid> ContactIds { get; init; }
    public required string Subject { get; init; }
    public string? Outcome { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required IReadOnlyList<string> Departments { get; init; }
    public required DateTimeOffset LoggedAt { get; init; }
}
