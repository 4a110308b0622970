using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CrmPlatform.ServiceDefaults.Idempotency;

/// <summary>Documents what <see cref="IdempotencyMiddleware"/> adds to every POST operation.</summary>
internal static class IdempotencyOpenApi
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeys.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes the POST safe to retry: a repeat with the same key and request returns the first answer " +
                $"(with `{IdempotencyKeys.ReplayedHeader}: true`) for 24 h. 1–255 visible ASCII characters, e.g. a UUID.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeys.MaxLength, Pattern = "^[!-~]+$" },
        });

        operation.Responses ??= [];
        operation.Responses.TryAdd("409", Problem("A request with the same Idempotency-Key is still being processed (type idempotency-key-in-progress); retry after Retry-After seconds."));
        operation.Responses.TryAdd("422", Problem("The Idempotency-Key was already used with a different request (type idempotency-key-reused)."));
        return Task.CompletedTask;
    }

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
    };
}
