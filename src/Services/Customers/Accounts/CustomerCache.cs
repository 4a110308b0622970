using StackExchange.Redis;

namespace CrmPlatform.Customers.Accounts;

/// <summary>
/// Cache-aside for single-customer reads, correct under concurrent updates. Each entry carries the
/// customer's version; an invalidation leaves a marker with the new version instead of deleting, so
/// a reader that loaded an older row before the change cannot put it back afterwards (its version is
/// lower than the marker's). The cache is an optimisation only: when Redis is away reads go to the
/// database, and every entry expires on its own, which bounds staleness if an invalidation is lost
/// (a crash between commit and invalidation).
/// </summary>
public sealed class CustomerCache(IConnectionMultiplexer redis, ILogger<CustomerCache> logger)
{
    private static readonly TimeSpan _timeToLive = TimeSpan.FromMinutes(5);
    private static readonly RedisValue[] _fields = ["v", "b"];

    // Store only if nothing newer is there: a higher version, or the same version already filled.
    private static readonly LuaScript _setIfCurrent = LuaScript.Prepare("""
        local current = tonumber(redis.call('HGET', @key, 'v'))
        local version = tonumber(@version)
        if current and (current > version or (current == version and redis.call('HEXISTS', @key, 'b') == 1)) then
            return 0
        end
        redis.call('DEL', @key)
        redis.call('HSET', @key, 'v', @version, 'b', @body)
        redis.call('PEXPIRE', @key, @ttl)
        return 1
        """);

    // Replace anything older than the new version by an empty marker of it.
    private static readonly LuaScript _invalidate = LuaScript.Prepare("""
        local current = tonumber(redis.call('HGET', @key, 'v'))
        if current and current >= tonumber(@version) then
            return 0
        end
        redis.call('DEL', @key)
        redis.call('HSET', @key, 'v', @version)
        redis.call('PEXPIRE', @key, @ttl)
        return 1
        """);

    public static string KeyFor(Guid customerId) => $"customers:v2:{customerId:N}";

    /// <summary>The cached JSON body of the customer and its version, or null on a miss.</summary>
    public async Task<CachedCustomer?> GetAsync(Guid customerId)
    {
        try
        {
            var values = await redis.GetDatabase().HashGetAsync(KeyFor(customerId), _fields);
            return values[1].IsNullOrEmpty ? null : new CachedCustomer((long)values[0], values[1]!);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Customer cache read failed; reading from the database");
            return null;
        }
    }

    public async Task SetAsync(Guid customerId, long version, string body)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(_setIfCurrent, new
            {
                key = (RedisKey)KeyFor(customerId),
                version,
                body,
                ttl = (long)_timeToLive.TotalMilliseconds,
            });
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Customer cache write failed");
        }
    }

    /// <summary>Call after the change committed, with the version it committed.</summary>
    public async Task InvalidateAsync(Guid customerId, long committedVersion)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(_invalidate, new
            {
                key = (RedisKey)KeyFor(customerId),
                version = committedVersion,
                ttl = (long)_timeToLive.TotalMilliseconds,
            });
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Customer cache invalidation failed for {CustomerId}; the entry expires within {TimeToLive}", customerId, _timeToLive);
        }
    }

    /// <summary>Many invalidations in one round trip (imports, merges).</summary>
    public async Task InvalidateAsync(IReadOnlyCollection<(Guid CustomerId, long Version)> committed)
    {
        if (committed.Count == 0)
        {
            return;
        }

        try
        {
            var batch = redis.GetDatabase().CreateBatch();
            var pending = committed.Select(c => batch.ScriptEvaluateAsync(_invalidate, new
            {
                key = (RedisKey)KeyFor(c.CustomerId),
                version = c.Version,
                ttl = (long)_timeToLive.TotalMilliseconds,
            })).ToList();
            batch.Execute();
            await Task.WhenAll(pending);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Customer cache invalidation failed for {Count} customers; entries expire within {TimeToLive}", committed.Count, _timeToLive);
        }
    }
}

/// <summary>A cached customer: its version (the ETag) and the JSON body as served.</summary>
public sealed record CachedCustomer(long Version, string Body);
