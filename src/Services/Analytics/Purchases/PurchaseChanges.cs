using StackExchange.Redis;

namespace CrmPlatform.Analytics.Purchases;

/// <summary>
/// A generation number that every committed change of purchase facts increments. Results computed from the purchases
/// (the fitted lifetime-value model) are cached under the generation read before computing them, so a result computed
/// from old data is never served after the change that made it stale (see <c>SummaryCache</c> for the argument).
/// </summary>
public sealed class PurchaseChanges(IConnectionMultiplexer redis, ILogger<PurchaseChanges> logger)
{
    private const string GenerationKey = "analytics:v1:purchases:generation";

    /// <summary>The current generation, or null when Redis cannot be read (then nothing is cached).</summary>
    public async Task<long?> GenerationAsync()
    {
        try
        {
            return (long?)await redis.GetDatabase().StringGetAsync(GenerationKey) ?? 0;
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Purchase generation read failed; computing without cache");
            return null;
        }
    }

    /// <summary>Call after the change committed.</summary>
    public async Task ChangedAsync()
    {
        try
        {
            await redis.GetDatabase().StringIncrementAsync(GenerationKey);
        }
        catch (RedisException ex)
        {
            // Cached results expire on their own (see their time to live); until then they may be stale.
            logger.LogWarning(ex, "Purchase generation increment failed");
        }
    }
}
