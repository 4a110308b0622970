using System.Buffers;
using System.Security.Cryptography;

namespace CrmPlatform.ServiceDefaults.Idempotency;

/// <summary>
/// What makes two requests "the same" for a key: the method, the path with its query, the content
/// type and the body bytes, as a SHA-256. Only the hash is stored, never the body.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>Reads <paramref name="body"/> to its end (the caller rewinds it); the hex SHA-256.</summary>
    public static async Task<string> ComputeAsync(string method, string pathAndQuery, string? contentType, Stream body, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        IdempotencyKeys.Fields.Append(hash, method.ToUpperInvariant());
        IdempotencyKeys.Fields.Append(hash, pathAndQuery);
        IdempotencyKeys.Fields.Append(hash, contentType);

        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
