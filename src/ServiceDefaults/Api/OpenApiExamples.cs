using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>
/// Examples in the OpenAPI documents, so a frontend developer sees a working request and the shape of
/// every error in the reference: request bodies by operation name (the endpoint's <c>WithName</c>), and
/// an RFC 9457 problem for every problem response, with the stable type that status usually carries.
/// </summary>
public static class OpenApiExamples
{
    public static OpenApiOptions AddExamples(this OpenApiOptions options, IReadOnlyDictionary<string, string> requestBodies)
    {
        options.AddOperationTransformer((operation, _, _) =>
        {
            if (operation.OperationId is { } id && requestBodies.TryGetValue(id, out var example) && operation.RequestBody?.Content is { } content)
            {
                foreach (var (_, media) in content)
                {
                    media.Example = JsonNode.Parse(example);
                }
            }

            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (response.Content is { } bodies && bodies.TryGetValue("application/problem+json", out var problem) && problem is OpenApiMediaType media)
                {
                    media.Example ??= ProblemExample(status);
                }
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static JsonObject ProblemExample(string status)
    {
        var code = int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 400;
        var (type, title) = code switch
        {
            400 => ("malformed", "The body is not valid JSON."),
            401 => ("unauthenticated", "Unauthorized"),
            403 => ("forbidden", "Forbidden"),
            404 => ("not-found", "The customer was not found."),
            409 => ("conflict", "The change conflicts with the current state."),
            412 => ("precondition-failed", "The resource was changed since you read it."),
            413 => ("too-large", "The body is too large."),
            415 => ("unsupported-media-type", "Unsupported content type."),
            422 => ("validation", "One or more fields are invalid."),
            428 => ("precondition-required", "If-Match is required."),
            429 => ("rate-limited", "Too many requests."),
            _ => ("http-" + code.ToString(CultureInfo.InvariantCulture), "Error"),
        };
        var example = new JsonObject
        {
            ["type"] = Problems.TypeBase + type,
            ["title"] = title,
            ["status"] = code,
            ["instance"] = "/api/customers/0193a6a2-7c1e-7b59-9f4e-2f6d1c9a8b10",
            ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            ["correlationId"] = "0193a6a27c1e7b599f4e2f6d1c9a8b10",
        };
        if (code == 422)
        {
            example["errors"] = new JsonObject { ["taxId"] = new JsonArray("Not a valid CNPJ: the check digits do not match.") };
        }

        return example;
    }
}
