using System.Text.Json;
using StackExchange.Redis;

namespace CrmPlatform.Analytics.Portfolio;

/// <summary>
/// Caches the portfolio summary under a generation number that every change increments. A reader
/// takes the generation before it queries, so a result computed from old data is stored under an
/// old generation that no later reader asks for: no stale summary outlives the change that made it
/// stale, whatever the interleaving.
/// </summary>
public sealed class SummaryCache(IConnectionMultiplexer redis, ILogger<SummaryCache> logger)
{
    private const string GenerationKey = "analytics:v1:summary:generation";
    private static readonly TimeSpan _timeToLive = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public async Task<PortfolioSummary> GetOrComputeAsync(Func<Task<PortfolioSummary>> compute)
    {
        long? generation = null;
        try
        {
            var database = redis.GetDatabase();
            generation = (long?)await database.StringGetAsync(GenerationKey) ?? 0;
            var cached = await database.StringGetAsync(SummaryKey(generation.Value));
            if (!cached.IsNullOrEmpty)
            {
                return JsonSerializer.Deserialize<PortfolioSummary>(cached.ToString(), _json)!;
            }
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Summary cache read failed; computing from the database");
        }

        var summary = await compute();
        if (generation is { } readGeneration)
        {
            await TryAsync(db => db.StringSetAsync(SummaryKey(readGeneration), JsonSerializer.Serialize(summary, _json), _timeToLive));
        }

        return summary;
    }

    public Task InvalidateAsync() => TryAsync(db => db.StringIncrementAsync(GenerationKey));

    private static string SummaryKey(long generation) => $"analytics:v1:summary:{generation}";

    private async Task TryAsync(Func<IDatabase, Task> write)
    {
        try
        {
            await write(redis.GetDatabase());
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Summary cache write failed");
        }
    }
}
