namespace CrmPlatform.Interactions.Relationship;

/// <summary>
/// How the relationship with a customer is going, from what was logged: when we last talked and how,
/// whom we reached (a decision maker?), how often, how it went, and the promises open and overdue.
/// </summary>
public sealed record RelationshipSignals(
    Guid CustomerId,
    DateTimeOffset AsOf,
    int WindowDays,
    LastContact? LastContact,
    int? DaysSinceLastContact,
    IReadOnlyList<ReachedContact> ContactsReached,
    bool DecisionMakerReached,
    IReadOnlyList<MonthCount> InteractionsPerMonth,
    double AverageInteractionsPerMonth,
    OutcomeCounts Outcomes,
    CommitmentCounts Commitments);

public sealed record LastContact(Guid InteractionId, DateTimeOffset At, string Type, string Channel, string? Direction);

public sealed record ReachedContact(Guid ContactId, string Name, string Role, string? Position, DateTimeOffset LastReachedAt, int Interactions);

public sealed record MonthCount(string Month, int Interactions);

/// <summary>Outcomes of the interactions in the window; <c>negativeShare</c> is of those with an outcome.</summary>
public sealed record OutcomeCounts(int Positive, int Neutral, int Negative, int Unrated, double? NegativeShare);

/// <summary>Open includes overdue; the completed counts are of the window, with how many were kept by their due time.</summary>
public sealed record CommitmentCounts(int Open, int Overdue, int CompletedInWindow, int CompletedOnTimeInWindow);
