using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CrmPlatform.ServiceDefaults.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on every POST of the service, creating or action alike: a client that lost
/// the answer (a timeout, a dropped connection) sends the same request again with the same key and
/// gets the first answer back instead of a second customer, ticket or merge. A request without the
/// header is not touched, and Redis being away never affects one.
/// </summary>
public sealed class IdempotencyMiddleware(
    RequestDelegate next, IdempotencyStore store, IHostEnvironment environment, IOptions<IdempotencyOptions> options, ILogger<IdempotencyMiddleware> logger)
{
    private readonly IdempotencyOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // A request that matches no endpoint changes nothing, so it needs no key.
        if (!HttpMethods.IsPost(request.Method) || !request.Headers.TryGetValue(IdempotencyKeys.Header, out var values) || context.GetEndpoint() is null)
        {
            await next(context);
            return;
        }

        if (values is not [var key] || !IdempotencyKeys.IsValid(key))
        {
            await IdempotencyProblems.InvalidKey().ExecuteAsync(context);
            return;
        }

        var fingerprint = await FingerprintAsync(context);
        var storageKey = IdempotencyKeys.StorageKey(environment.ApplicationName, IdempotencyKeys.CallerOf(context.User), request.PathBase.Add(request.Path).Value ?? "/", key);
        var owner = Guid.NewGuid().ToString("N");
        ClaimResult claim;
        try
        {
            claim = await store.ClaimAsync(storageKey, fingerprint, owner);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            // Fail closed: running the request unchecked could do it twice, which is what the key forbids.
            logger.LogWarning(ex, "Idempotency key store unavailable; refused a keyed POST to {Path}", request.Path);
            await IdempotencyProblems.Unavailable().ExecuteAsync(context);
            return;
        }

        switch (claim.Outcome)
        {
            case ClaimOutcome.Claimed:
                await RunAsync(context, storageKey, fingerprint, owner);
                break;
            case ClaimOutcome.Replay:
                await ReplayAsync(context, claim.Response!);
                break;
            case ClaimOutcome.Reused:
                await IdempotencyProblems.KeyReused(key).ExecuteAsync(context);
                break;
            default:
                context.Response.Headers.RetryAfter = "1";
                await IdempotencyProblems.InProgress(key).ExecuteAsync(context);
                break;
        }
    }

    /// <summary>
    /// Hashes the body and rewinds it for the endpoint. The body is buffered (in memory, on disk when
    /// large), so the server's size limit applies as it would to the endpoint; an endpoint that takes
    /// larger bodies must say so in its metadata, since the limit cannot change after the first read.
    /// </summary>
    private static async Task<string> FingerprintAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } endpointLimit
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = endpointLimit.MaxRequestBodySize;
        }

        request.EnableBuffering();
        var fingerprint = await RequestFingerprint.ComputeAsync(request.Method, request.GetEncodedPathAndQuery(), request.ContentType, request.Body, context.RequestAborted);
        request.Body.Position = 0;
        return fingerprint;
    }

    private async Task RunAsync(HttpContext context, string storageKey, string fingerprint, string owner)
    {
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var capture = new ResponseCapture(original.Stream, _options.MaxStoredResponseBytes);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(capture, original));
        try
        {
            await next(context);
        }
        catch
        {
            // Nothing is known about what happened, so the client must be able to try again.
            context.Features.Set(original);
            await ReleaseAsync(storageKey, owner);
            throw;
        }

        context.Features.Set(original);
        var response = context.Response;
        if (!IdempotencyKeys.IsKept(response.StatusCode))
        {
            await ReleaseAsync(storageKey, owner);
            return;
        }

        if (capture.Overflowed)
        {
            logger.LogInformation("Answer to a keyed POST to {Path} is over {Limit} bytes; not kept, the key is released", context.Request.Path, _options.MaxStoredResponseBytes);
            await ReleaseAsync(storageKey, owner);
            return;
        }

        try
        {
            await store.CompleteAsync(storageKey, fingerprint, owner, new StoredResponse(
                response.StatusCode, response.ContentType, response.Headers.Location.ToString(), response.Headers.ETag.ToString(), capture.Body));
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            // The answer is already on its way; a repeat gets 409 until the claim expires, then runs again.
            logger.LogWarning(ex, "Could not keep the answer to a keyed POST to {Path}; its claim expires in {Timeout}", context.Request.Path, _options.InProgressTimeout);
        }
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.Status;
        response.ContentType = stored.ContentType;
        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        if (stored.ETag is not null)
        {
            response.Headers.ETag = stored.ETag;
        }

        response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        response.ContentLength = stored.Body.Length;
        await response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    private async Task ReleaseAsync(string storageKey, string owner)
    {
        try
        {
            await store.ReleaseAsync(storageKey, owner);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            logger.LogWarning(ex, "Could not release an idempotency key; it frees itself within {Timeout}", _options.InProgressTimeout);
        }
    }
}
