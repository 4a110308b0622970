using System.Text;
using System.Text.Json.Nodes;

namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// One operation as the case builders see it: its baseline request (real ids where we have them, an
/// unknown id elsewhere, a plausible body) that each case spoils in one place.
/// </summary>
public sealed class FuzzTarget
{
    public FuzzTarget(ApiOperation operation, SchemaWalker schemas, RealIds realIds, Func<string, JsonNode?> knownProperties, IReadOnlyList<string> queryParameters, IReadOnlyList<(string Name, string Value)> forgedCursors)
    {
        Operation = operation;
        Random = new Random(StableSeed(operation.ToString()));
        UnknownId = new Guid(Enumerable.Range(0, 16).Select(_ => (byte)Random.Next(256)).ToArray());
        QueryParameters = queryParameters;
        ForgedCursors = forgedCursors;
        BaselineSegments = operation.PathParameters.ToDictionary(p => p, p => realIds.For(operation.PathTemplate, p) ?? UnknownId.ToString());
        BaselineBody = operation.BodySchema is { } schema ? schemas.Sample(schema, knownProperties) ?? new JsonObject() : new JsonObject();
        MediaType = operation.BodyMediaTypes.FirstOrDefault(m => m.Contains("json", StringComparison.Ordinal)) ?? (operation.BodyMediaTypes is [var first, ..] ? first : "application/json");
    }

    public ApiOperation Operation { get; }

    /// <summary>Seeded by the operation, so every run sends the same cases whatever the order of the document.</summary>
    public Random Random { get; }

    public Guid UnknownId { get; }

    public IReadOnlyList<string> QueryParameters { get; }

    public IReadOnlyList<(string Name, string Value)> ForgedCursors { get; }

    public IReadOnlyDictionary<string, string> BaselineSegments { get; }

    public JsonNode BaselineBody { get; }

    public string MediaType { get; }

    public string BaselinePath => PathWith(null, null);

    public string PathWith(string? parameter, string? segment) =>
        Operation.PathParameters.Aggregate(Operation.PathTemplate, (path, p) =>
            path.Replace("{" + p + "}", p == parameter ? segment : BaselineSegments[p], StringComparison.Ordinal));

    /// <summary>The baseline request with <paramref name="body"/> (or the baseline body, when the operation takes one).</summary>
    public FuzzCase Case(string name, string? pathAndQuery = null, byte[]? body = null, string? contentType = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var withBody = body is not null || Operation.TakesBody;
        return new FuzzCase(
            name,
            Operation.Method,
            pathAndQuery ?? BaselinePath,
            withBody ? body ?? Encoding.UTF8.GetBytes(BaselineBody.ToJsonString()) : null,
            withBody ? contentType ?? MediaType : null,
            headers);
    }

    // FNV-1a: string.GetHashCode differs between processes.
    private static int StableSeed(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }
}
