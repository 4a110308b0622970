using System.Text.Json;

namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// The operations of an OpenAPI 3.x document, read as plain JSON: we need the paths, their
/// parameters and the request body schemas, not a full object model.
/// </summary>
public static class OpenApiReader
{
    private static readonly string[] _methods = ["get", "put", "post", "delete", "patch"];

    public static IReadOnlyList<ApiOperation> Operations(JsonElement document)
    {
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var shared = Parameters(path.Value);
            foreach (var method in _methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation))
                {
                    continue;
                }

                var parameters = shared.Concat(Parameters(operation)).ToList();
                var (schema, mediaTypes) = RequestBody(operation);
                operations.Add(new ApiOperation(
                    new HttpMethod(method.ToUpperInvariant()),
                    path.Name,
                    PathParameterNames(path.Name),
                    [.. parameters.Where(p => p.In == "query").Select(p => p.Name).Distinct()],
                    schema,
                    mediaTypes));
            }
        }

        return operations;
    }

    /// <summary>From the template itself: the document may omit a parameter the route still has.</summary>
    private static List<string> PathParameterNames(string template) =>
        [.. template.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1])];

    private static IEnumerable<(string Name, string In)> Parameters(JsonElement owner) =>
        owner.TryGetProperty("parameters", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
                .Where(p => p.TryGetProperty("name", out _) && p.TryGetProperty("in", out _))
                .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!))
            : [];

    private static (JsonElement? Schema, List<string> MediaTypes) RequestBody(JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("content", out var content))
        {
            return (null, []);
        }

        JsonElement? schema = null;
        var mediaTypes = new List<string>();
        foreach (var media in content.EnumerateObject())
        {
            mediaTypes.Add(media.Name);
            if (schema is null && media.Value.TryGetProperty("schema", out var s))
            {
                schema = s;
            }
        }

        return (schema, mediaTypes);
    }
}
