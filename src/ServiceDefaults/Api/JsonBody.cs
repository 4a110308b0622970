using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>
/// Reads a request body as a JSON object ourselves, so that unknown fields, wrong types and missing
/// fields all come back as one 422 naming each field, and unreadable JSON as a 400.
/// </summary>
public static class JsonBody
{
    public static async Task<(JsonObject? Body, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken, params string[] mediaTypes)
    {
        var (node, problem) = await ReadNodeAsync(request, mediaTypes, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        return node is JsonObject body
            ? (body, null)
            : (null, Problems.BadRequest("The body must be a JSON object.", $"Got {KindOf(node)}."));
    }

    /// <summary>A body that is a JSON array (a batch), with the same 415 and 400 answers as <see cref="ReadObjectAsync"/>.</summary>
    public static async Task<(JsonArray? Body, ProblemHttpResult? Problem)> ReadArrayAsync(HttpRequest request, CancellationToken cancellationToken, params string[] mediaTypes)
    {
        var (node, problem) = await ReadNodeAsync(request, mediaTypes, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        return node is JsonArray body
            ? (body, null)
            : (null, Problems.BadRequest("The body must be a JSON array.", $"Got {KindOf(node)}."));
    }

    private static string KindOf(JsonNode? node) => node?.GetValueKind().ToString().ToLowerInvariant() ?? "null";

    private static async Task<(JsonNode? Node, ProblemHttpResult? Problem)> ReadNodeAsync(HttpRequest request, string[] mediaTypes, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (contentType is null || !mediaTypes.Contains(contentType))
        {
            return (null, Problems.UnsupportedMediaType($"Send the body as {string.Join(" or ", mediaTypes)}."));
        }

        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false }, cancellationToken: cancellationToken);
            _ = (node as JsonObject)?.Count; // materialise now, inside the try
            if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    _ = (item as JsonObject)?.Count;
                }
            }
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest("The body is not valid JSON.", $"{ex.Message.Split(" Path:")[0]} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."));
        }

        return (node, null);
    }
}
