using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmPlatform.Analytics.Purchases;
using StackExchange.Redis;

namespace CrmPlatform.Analytics.Portfolio;

/// <summary>
/// The portfolio views, retention, cohorts and KPIs in Redis. Each answer is keyed by the purchases' generation
/// (<see cref="PurchaseChanges"/>), the generation of everything else the views read (<see cref="ChangedAsync()"/>: RFM
/// recomputes, stages, registrations, merges, NPS and CSAT answers, acquisition spend), the UTC day (defaults such as "the
/// current month" move with it) and the request's query. A reader takes both generations before computing, so an answer
/// computed from old inputs is stored under keys no later reader asks for (see <see cref="SummaryCache"/>).
/// </summary>
/// <remarks>
/// Within one instance concurrent requests for the same key share one computation: at a million customers a view costs a
/// scan of the whole projection, and a dashboard refreshing on sixteen screens should pay for it once, not sixteen times.
/// A view with inputs of its own (the attention list: relationship events) passes its own generation key and time to live.
/// </remarks>
public sealed partial class ViewCache(IConnectionMultiplexer redis, PurchaseChanges purchases, TimeProvider clock, ILogger<ViewCache> logger)
{
    private const string GenerationKey = "analytics:v1:views:generation";
    private static readonly TimeSpan _timeToLive = TimeSpan.FromMinutes(10);
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, Task> _computing = new(StringComparer.Ordinal);

    public Task<T> GetOrComputeAsync<T>(string view, QueryString query, Func<Task<T>> compute) =>
        GetOrComputeAsync(view, query, compute, GenerationKey, _timeToLive);

    /// <summary>As above, with the generation of <paramref name="generationKey"/> in place of the views' own.</summary>
    public async Task<T> GetOrComputeAsync<T>(string view, QueryString query, Func<Task<T>> compute, string generationKey, TimeSpan timeToLive)
    {
        var key = await KeyAsync(view, query, generationKey);
        if (key is null)
        {
            return await compute();
        }

        if (await ReadAsync<T>(key) is { } cached)
        {
            return cached;
        }

        var mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _computing.GetOrAdd(key, mine.Task);
        if (running != mine.Task)
        {
            try
            {
                return await (Task<T>)running;
            }
            catch (Exception ex)
            {
                // The request computing it failed or was cancelled; that is no reason for this one to fail.
                LogSharedFailed(logger, ex, view);
                return await compute();
            }
        }

        try
        {
            var value = await compute();
            mine.SetResult(value);
            await WriteAsync(key, value, timeToLive);
            return value;
        }
        catch (Exception ex)
        {
            mine.SetException(ex);
            _ = mine.Task.Exception; // observed here: waiters, if any, compute their own
            throw;
        }
        finally
        {
            _computing.TryRemove(new KeyValuePair<string, Task>(key, mine.Task));
        }
    }

    /// <summary>Call after a change of a view's inputs other than purchases committed.</summary>
    public Task ChangedAsync() => ChangedAsync(GenerationKey);

    /// <summary>Moves <paramref name="generationKey"/> on: the views cached under it are not served again.</summary>
    public async Task ChangedAsync(string generationKey)
    {
        try
        {
            await redis.GetDatabase().StringIncrementAsync(generationKey);
        }
        catch (RedisException ex)
        {
            // Answers cached before the change may be served until they expire.
            LogWriteFailed(logger, ex);
        }
    }

    private async Task<string?> KeyAsync(string view, QueryString query, string generationKey)
    {
        if (await purchases.GenerationAsync() is not { } purchaseGeneration)
        {
            return null;
        }

        long generation;
        try
        {
            generation = (long?)await redis.GetDatabase().StringGetAsync(generationKey) ?? 0;
        }
        catch (RedisException ex)
        {
            LogReadFailed(logger, ex);
            return null;
        }

        // Long query strings are hashed so a key stays short; the view's own validation has already bounded them.
        var text = query.Value ?? "";
        var part = text.Length <= 120 ? text : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return string.Create(CultureInfo.InvariantCulture, $"analytics:v1:view:{purchaseGeneration}:{generation}:{day:yyyy-MM-dd}:{view}:{part}");
    }

    private async Task<T?> ReadAsync<T>(string key)
    {
        try
        {
            var cached = await redis.GetDatabase().StringGetAsync(key);
            return cached.IsNullOrEmpty ? default : JsonSerializer.Deserialize<T>(cached.ToString(), _json);
        }
        catch (RedisException ex)
        {
            LogReadFailed(logger, ex);
            return default;
        }
    }

    private async Task WriteAsync<T>(string key, T value, TimeSpan timeToLive)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(key, JsonSerializer.Serialize(value, _json), timeToLive);
        }
        catch (RedisException ex)
        {
            LogWriteFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "View cache read failed; computing from the database")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "View cache write failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A shared computation of the {View} view failed; computing again for this request")]
    private static partial void LogSharedFailed(ILogger logger, Exception exception, string view);
}
