using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.ServiceDefaults.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> contract: which keys are accepted, where a key is stored, and which
/// answers are kept for replay. Pure rules, so they can be tested without a server.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxLength = 255;

    /// <summary>The Redis key prefix: <c>idempotency:{service}:{scope}:{key}</c>.</summary>
    public const string StoragePrefix = "idempotency:";

    /// <summary>1–255 visible ASCII characters (0x21–0x7E): what fits a header value and a log line unescaped.</summary>
    public static bool IsValid([NotNullWhen(true)] string? key) =>
        key is { Length: > 0 and <= MaxLength } && key.All(c => c is >= '!' and <= '~');

    /// <summary>Whose keys these are: the caller's key (<see cref="CallerIdentity.KeyOf"/>), else "anonymous".</summary>
    public static string CallerOf(ClaimsPrincipal? user) => CallerIdentity.KeyOf(user) ?? Api.Actor.Anonymous;

    /// <summary>
    /// Where a key lives. The caller and the path are hashed together, so a long path or an odd
    /// caller id cannot make keys ambiguous or huge; the key itself stays readable at the end, so
    /// support can find a client's key with a SCAN.
    /// </summary>
    public static string StorageKey(string service, string caller, string path, string key)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Fields.Append(hash, caller);
        Fields.Append(hash, path);
        return $"{StoragePrefix}{service}:{Convert.ToHexStringLower(hash.GetHashAndReset())}:{key}";
    }

    /// <summary>
    /// Whether an answer is kept for replay. A 5xx (the server failed; the claim is released so the
    /// client can retry) and the answers that depend on the moment or the caller's state are not:
    /// 401/403 (credentials may be fixed), 408, 409 (a conflict may clear), 425, 429 (try later).
    /// Successes and the other client errors (a 422, a 404) are final for that body, so they are kept.
    /// </summary>
    public static bool IsKept(int status) =>
        status is >= 200 and < 300 or >= 400 and < 500
        && status is not (401 or 403 or 408 or 409 or 425 or 429);

    /// <summary>Length-prefixed, so that ("/a", "b") and ("/ab", "") hash differently.</summary>
    internal static class Fields
    {
        public static void Append(IncrementalHash hash, string? value)
        {
            var bytes = value is null ? [] : Encoding.UTF8.GetBytes(value);
            Span<byte> length = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, value is null ? -1 : bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }
    }
}
