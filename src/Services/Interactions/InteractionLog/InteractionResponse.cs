using CrmPlatform.Interactions.Visibility;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.Interactions.InteractionLog;

public sealed record InteractionResponse(
    Guid Id,
    Guid CustomerId,
    string Type,
    string? Direction,
    string Channel,
    DateTimeOffset OccurredAt,
    DateTimeOffset? EndedAt,
    int? DurationSeconds,
    string EmployeeId,
    IReadOnlyList<Guid> ContactIds,
    string Subject,
    string? Summary,
    string? Outcome,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Departments,
    DateTimeOffset LoggedAt,
    string LoggedBy)
{
    public static InteractionResponse From(Interaction i) => new(
        i.Id, i.CustomerId, i.Type.ToWireName(), i.Direction?.ToWireName(), i.Channel.ToWireName(), i.OccurredAt.ToUniversalTime(),
        i.EndedAt?.ToUniversalTime(), i.DurationSeconds, i.EmployeeId, i.ContactIds, i.Subject, i.Summary, i.Outcome?.ToWireName(), i.Tags,
        DepartmentNames.Names(i.VisibleTo), i.LoggedAt.ToUniversalTime(), i.LoggedBy);
}

public sealed record InteractionPage(IReadOnlyList<InteractionResponse> Items, string? NextCursor);
