using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.ServiceDefaults.Idempotency;

/// <summary>The RFC 9457 answers of <c>Idempotency-Key</c> handling, in the <see cref="Problems"/> family.</summary>
public static class IdempotencyProblems
{
    public static ProblemHttpResult InvalidKey() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            type: Problems.TypeBase + "idempotency-key-invalid",
            title: "The Idempotency-Key header is invalid.",
            detail: $"Send one {IdempotencyKeys.Header} of 1 to {IdempotencyKeys.MaxLength} visible ASCII characters, e.g. a UUID.");

    public static ProblemHttpResult KeyReused(string key) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            type: Problems.TypeBase + "idempotency-key-reused",
            title: "The Idempotency-Key was used with another request.",
            detail: $"The key '{key}' was first sent with a different request (method, path, query, content type or body). Use a new key for a new request.",
            extensions: new Dictionary<string, object?> { ["idempotencyKey"] = key });

    public static ProblemHttpResult InProgress(string key) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            type: Problems.TypeBase + "idempotency-key-in-progress",
            title: "A request with this Idempotency-Key is still being processed.",
            detail: $"Retry after a moment: once the first request with the key '{key}' finishes, its answer is replayed.",
            extensions: new Dictionary<string, object?> { ["idempotencyKey"] = key });

    public static ProblemHttpResult Unavailable() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: Problems.TypeBase + "idempotency-unavailable",
            title: "Idempotency keys cannot be checked right now.",
            detail: $"The request was not processed, so it is safe to retry with the same {IdempotencyKeys.Header}.");
}
