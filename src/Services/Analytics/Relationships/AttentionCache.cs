using CrmPlatform.Analytics.Portfolio;

namespace CrmPlatform.Analytics.Relationships;

/// <summary>
/// Pages of the attention list, cached like the other views (<see cref="ViewCache"/>) but under a generation of their own,
/// moved on by every committed relationship event, registration, merge, RFM change and model refit: relationship events
/// are frequent and move no other view. A minute's time to live bounds how stale the day counts ("no contact for 31 days")
/// can get.
/// </summary>
public sealed class AttentionCache(ViewCache views)
{
    private const string GenerationKey = "analytics:v1:attention:generation";
    private static readonly TimeSpan _timeToLive = TimeSpan.FromMinutes(1);

    public Task<AttentionPage> GetOrComputeAsync(QueryString query, Func<Task<AttentionPage>> compute) =>
        views.GetOrComputeAsync("attention", query, compute, GenerationKey, _timeToLive);

    /// <summary>Call after a change of the relationship projection, the RFM segments or the model committed.</summary>
    public Task ChangedAsync() => views.ChangedAsync(GenerationKey);
}
