namespace CrmPlatform.Contracts.ServiceDesk;

/// <summary>
/// A customer answered "how likely are you to recommend us" (NPS): <c>Score</c> 0–10; 9–10 promoter,
/// 7–8 passive, 0–6 detractor.
/// </summary>
public sealed record NpsResponded
{
    public required Guid ResponseId { get; init; }
    public required Guid CustomerId { get; init; }
    public Guid? ContactId { get; init; }
    public required int Score { get; init; }
    public string? Comment { get; init; }
    public required DateTimeOffset RespondedAt { get; init; }
}
