using System.Globalization;
using System.Text.Json;
using CrmPlatform.Analytics.Purchases;
using StackExchange.Redis;

namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// Fitted models in Redis, keyed by calibration end, period and the purchases' generation (<see cref="PurchaseChanges"/>):
/// any committed purchase change moves the generation on, so the next read refits from the new facts and a fit of old
/// facts is never served. The time to live only bounds how long an unreachable generation's entries linger.
/// </summary>
public sealed class LifetimeModelCache(IConnectionMultiplexer redis, PurchaseChanges changes, ILogger<LifetimeModelCache> logger)
{
    private static readonly TimeSpan _timeToLive = TimeSpan.FromHours(1);
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public async Task<LifetimeModelResponse?> GetOrFitAsync(DateOnly calibrationEnd, int periodDays, Func<Task<LifetimeModelResponse?>> fit)
    {
        var generation = await changes.GenerationAsync();
        var key = generation is { } g
            ? string.Create(CultureInfo.InvariantCulture, $"analytics:v1:clv-model:{g}:{calibrationEnd:yyyy-MM-dd}:{periodDays}")
            : null;
        if (key is not null)
        {
            try
            {
                var cached = await redis.GetDatabase().StringGetAsync(key);
                if (!cached.IsNullOrEmpty)
                {
                    return JsonSerializer.Deserialize<LifetimeModelResponse>(cached.ToString(), _json);
                }
            }
            catch (RedisException ex)
            {
                logger.LogWarning(ex, "Model cache read failed; fitting from the database");
            }
        }

        var model = await fit();
        if (key is not null && model is not null)
        {
            try
            {
                await redis.GetDatabase().StringSetAsync(key, JsonSerializer.Serialize(model, _json), _timeToLive);
            }
            catch (RedisException ex)
            {
                logger.LogWarning(ex, "Model cache write failed");
            }
        }

        return model;
    }
}
