using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CrmPlatform.ServiceDefaults.Idempotency;

/// <summary>
/// The keys in Redis, one hash each: <c>f</c> the fingerprint, <c>o</c> the claim's owner token, and
/// once the request finished <c>s</c> the status, <c>ct</c>/<c>l</c>/<c>e</c> Content-Type, Location and
/// ETag, <c>b</c> the body. Each step is one script, so a check and its write can never interleave
/// with another instance's.
/// </summary>
public sealed class IdempotencyStore(IConnectionMultiplexer redis, IOptions<IdempotencyOptions> options)
{
    // Claim a free key, or report what holds it. HMGET answers false for a missing field, which
    // (unlike nil) keeps its place in the returned array.
    private static readonly LuaScript _claim = LuaScript.Prepare("""
        if redis.call('EXISTS', @key) == 0 then
            redis.call('HSET', @key, 'f', @fingerprint, 'o', @owner)
            redis.call('PEXPIRE', @key, @ttl)
            return {1}
        end
        local held = redis.call('HMGET', @key, 'f', 's', 'ct', 'l', 'e', 'b')
        return {0, held[1], held[2], held[3], held[4], held[5], held[6]}
        """);

    // Keep the answer unless another request took the key over (its claim expired and was claimed
    // again); a key that merely expired is written afresh.
    private static readonly LuaScript _complete = LuaScript.Prepare("""
        local owner = redis.call('HGET', @key, 'o')
        if owner and owner ~= @owner then
            return 0
        end
        redis.call('DEL', @key)
        redis.call('HSET', @key, 'f', @fingerprint, 'o', @owner, 's', @status, 'ct', @contentType, 'l', @location, 'e', @etag, 'b', @body)
        redis.call('PEXPIRE', @key, @ttl)
        return 1
        """);

    private static readonly LuaScript _release = LuaScript.Prepare("""
        if redis.call('HGET', @key, 'o') == @owner then
            return redis.call('DEL', @key)
        end
        return 0
        """);

    private readonly IdempotencyOptions _options = options.Value;

    /// <summary>Claims <paramref name="key"/> for this request, or says who has it. Throws when Redis is away.</summary>
    public async Task<ClaimResult> ClaimAsync(string key, string fingerprint, string owner)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(_claim, new
        {
            key = (RedisKey)key,
            fingerprint,
            owner,
            ttl = (long)_options.InProgressTimeout.TotalMilliseconds,
        });
        var held = (RedisResult[])result!;
        if ((int)held[0] == 1)
        {
            return ClaimResult.Claimed;
        }

        if ((string?)held[1] != fingerprint)
        {
            return ClaimResult.Reused;
        }

        if (held[2].IsNull)
        {
            return ClaimResult.InProgress;
        }

        return ClaimResult.Replay(new StoredResponse(
            int.Parse((string)held[2]!, CultureInfo.InvariantCulture),
            EmptyAsNull((string?)held[3]),
            EmptyAsNull((string?)held[4]),
            EmptyAsNull((string?)held[5]),
            held[6].IsNull ? [] : (byte[])held[6]!));
    }

    public Task CompleteAsync(string key, string fingerprint, string owner, StoredResponse response) =>
        redis.GetDatabase().ScriptEvaluateAsync(_complete, new
        {
            key = (RedisKey)key,
            fingerprint,
            owner,
            status = response.Status,
            contentType = response.ContentType ?? "",
            location = response.Location ?? "",
            etag = response.ETag ?? "",
            body = response.Body,
            ttl = (long)_options.Retention.TotalMilliseconds,
        });

    public Task ReleaseAsync(string key, string owner) =>
        redis.GetDatabase().ScriptEvaluateAsync(_release, new { key = (RedisKey)key, owner });

    private static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>A kept answer: what a repeat of the request gets back.</summary>
public sealed record StoredResponse(int Status, string? ContentType, string? Location, string? ETag, byte[] Body);

public enum ClaimOutcome
{
    /// <summary>The key was free: this request runs.</summary>
    Claimed,

    /// <summary>The key was used with another request (fingerprint).</summary>
    Reused,

    /// <summary>The first request with the key is still running.</summary>
    InProgress,

    /// <summary>The first request finished: replay its answer.</summary>
    Replay,
}

public sealed record ClaimResult(ClaimOutcome Outcome, StoredResponse? Response = null)
{
    public static ClaimResult Claimed { get; } = new(ClaimOutcome.Claimed);
    public static ClaimResult Reused { get; } = new(ClaimOutcome.Reused);
    public static ClaimResult InProgress { get; } = new(ClaimOutcome.InProgress);
    public static ClaimResult Replay(StoredResponse response) => new(ClaimOutcome.Replay, response);
}
