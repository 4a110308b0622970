using System.Globalization;
using System.Text.Json;
using CrmPlatform.Analytics.Purchases;
using StackExchange.Redis;

namespace CrmPlatform.Analytics.Relationships;

/// <summary>
/// Pages of the attention list in Redis for a minute, keyed by the generation of the relationship projection (moved on by
/// every committed relationship event, registration, merge and RFM recompute) and by the purchases' generation
/// (<see cref="PurchaseChanges"/>): a page computed before a change is never served after it (see <c>SummaryCache</c> for
/// the argument). The short time to live bounds how stale the day counts ("no contact for 31 days") can get.
/// </summary>
public sealed class AttentionCache(IConnectionMultiplexer redis, PurchaseChanges purchases, ILogger<AttentionCache> logger)
{
    private const string GenerationKey = "analytics:v1:attention:generation";
    private static readonly TimeSpan _timeToLive = TimeSpan.FromMinutes(1);
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public async Task<AttentionPage> GetOrComputeAsync(int limit, string? cursor, Func<Task<AttentionPage>> compute)
    {
        string? key = null;
        try
        {
            var database = redis.GetDatabase();
            var generation = (long?)await database.StringGetAsync(GenerationKey) ?? 0;
            if (await purchases.GenerationAsync() is { } purchaseGeneration)
            {
                key = string.Create(CultureInfo.InvariantCulture, $"analytics:v1:attention:{generation}:{purchaseGeneration}:{limit}:{cursor}");
                var cached = await database.StringGetAsync(key);
                if (!cached.IsNullOrEmpty)
                {
                    return JsonSerializer.Deserialize<AttentionPage>(cached.ToString(), _json)!;
                }
            }
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Attention cache read failed; computing from the database");
        }

        var page = await compute();
        if (key is not null)
        {
            await TryAsync(database => database.StringSetAsync(key, JsonSerializer.Serialize(page, _json), _timeToLive));
        }

        return page;
    }

    /// <summary>Call after a change of the relationship projection or of the RFM segments committed.</summary>
    public Task ChangedAsync() => TryAsync(database => database.StringIncrementAsync(GenerationKey));

    private async Task TryAsync(Func<IDatabase, Task> write)
    {
        try
        {
            await write(redis.GetDatabase());
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Attention cache write failed");
        }
    }
}
