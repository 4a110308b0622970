using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// Bad bodies: one stream of structural faults (not JSON, the wrong kind, the wrong media type, too
/// deep), then one stream per property of the baseline body set to wrong types and odd values. Sent
/// whether or not the document declares a body, since most handlers read the raw JSON themselves.
/// Requests on one resource carry <c>If-Match: *</c> so the body is read rather than answered 428.
/// </summary>
public static class BodyCases
{
    private const int DeepNesting = 200;
    private const int MaxPropertyDepth = 3;

    private static readonly Dictionary<string, string> _anyVersion = new() { ["If-Match"] = "*" };

    public static IEnumerable<IEnumerable<FuzzCase>> Streams(FuzzTarget target)
    {
        if (!target.Operation.TakesBody)
        {
            yield break;
        }

        yield return Structural(target);
        foreach (var path in MutationPoints(target.BaselineBody, "", 0))
        {
            yield return PropertyValues(target, path);
        }
    }

    private static IEnumerable<FuzzCase> Structural(FuzzTarget target)
    {
        var baseline = target.BaselineBody.ToJsonString();
        var firstProperty = target.BaselineBody is JsonObject { Count: > 0 } o ? o.First().Key : "name";
        (string Name, string Json)[] json =
        [
            ("malformed json", "{\"a\":"),
            ("single-quoted json", "{'a':1}"),
            ("trailing comma", "{\"a\":1,}"),
            ("truncated baseline", baseline[..(baseline.Length / 2)]),
            ("json array", "[]"),
            ("json array of junk", "[1,\"x\",null,{}]"),
            ("json number", "123"),
            ("json string", "\"text\""),
            ("json null", "null"),
            ("json true", "true"),
            ("empty object", "{}"),
            ("unknown field", WithExtra(target.BaselineBody, "fuzzUnknownField", 1)),
            ("duplicate property", $"{{\"{firstProperty}\":1,\"{firstProperty}\":2}}"),
            ("deep object", string.Concat(Enumerable.Repeat("{\"a\":", DeepNesting)) + "1" + new string('}', DeepNesting)),
            ("deep array", new string('[', DeepNesting) + new string(']', DeepNesting)),
            ("megabyte string", WithExtra(new JsonObject(), "fuzz", new string('x', 1_000_000))),
        ];
        foreach (var (name, body) in json)
        {
            yield return BodyCase(target, $"body {name}", Encoding.UTF8.GetBytes(body));
        }

        yield return BodyCase(target, "body empty", []);
        yield return BodyCase(target, "body invalid utf-8", [.. "{\"a\":\""u8, 0xff, 0xfe, 0xc3, .. "\"}"u8]);
        yield return BodyCase(target, "body with BOM", [0xef, 0xbb, 0xbf, .. Encoding.UTF8.GetBytes(baseline)]);
        yield return BodyCase(target, "body without content type", Encoding.UTF8.GetBytes(baseline), "");
        yield return BodyCase(target, "body as text/plain", Encoding.UTF8.GetBytes(baseline), "text/plain");
        yield return BodyCase(target, "body as application/xml", "<customer><name>x</name></customer>"u8.ToArray(), "application/xml");
        yield return BodyCase(target, "body as form", "a=1&b=2"u8.ToArray(), "application/x-www-form-urlencoded");
        yield return BodyCase(target, "body with garbage content type", Encoding.UTF8.GetBytes(baseline), "garbage;;;=");
        yield return BodyCase(target, "body as merge patch", Encoding.UTF8.GetBytes(baseline), "application/merge-patch+json");
        if (target.Operation.Method == HttpMethod.Patch)
        {
            yield return BodyCase(target, "merge patch null", "null"u8.ToArray(), "application/merge-patch+json");
            yield return BodyCase(target, "merge patch array", "[]"u8.ToArray(), "application/merge-patch+json");
            yield return BodyCase(target, "merge patch all null", Encoding.UTF8.GetBytes(AllNull(target.BaselineBody)), "application/merge-patch+json");
        }
    }

    private static IEnumerable<FuzzCase> PropertyValues(FuzzTarget target, string path)
    {
        var values = BadValues.BodyJsonValues.Concat(BadValues.BodyStrings.Select(s => (s.Name, Json: JsonSerializer.Serialize(s.Value))));
        foreach (var (name, json) in values)
        {
            var body = SetAt(target.BaselineBody, path, json);
            yield return BodyCase(target, $"body {path}={name}", Encoding.UTF8.GetBytes(body));
        }
    }

    private static FuzzCase BodyCase(FuzzTarget target, string name, byte[] body, string? contentType = null) =>
        target.Case(name, body: body, contentType: contentType, headers: target.Operation.PathParameters.Count > 0 ? _anyVersion : null);

    /// <summary>Dotted paths (<c>address.city</c>, <c>[0].amount</c>) of every value of the baseline, a few levels deep.</summary>
    private static IEnumerable<string> MutationPoints(JsonNode? node, string prefix, int depth)
    {
        if (depth >= MaxPropertyDepth)
        {
            yield break;
        }

        var children = node switch
        {
            JsonObject o => o.Select(p => (Path: prefix.Length == 0 ? p.Key : $"{prefix}.{p.Key}", p.Value)),
            JsonArray { Count: > 0 } a => [($"{prefix}[0]", a[0])],
            _ => [],
        };
        foreach (var (path, child) in children)
        {
            yield return path;
            foreach (var nested in MutationPoints(child, path, depth + 1))
            {
                yield return nested;
            }
        }
    }

    /// <summary>The baseline with the value at <paramref name="path"/> replaced by the raw JSON <paramref name="json"/>.</summary>
    private static string SetAt(JsonNode baseline, string path, string json)
    {
        const string marker = "\"__fuzz_marker__\"";
        var copy = baseline.DeepClone();
        var segments = path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        var parent = segments[..^1].Aggregate(copy, (node, segment) => segment.StartsWith('[') ? node[0]! : node[segment]!);
        var last = segments[^1];
        if (last.StartsWith('['))
        {
            parent[0] = JsonNode.Parse(marker);
        }
        else
        {
            parent[last] = JsonNode.Parse(marker);
        }

        // Splices the raw text in, so values System.Text.Json will not write (1e309) go out as they are.
        return copy.ToJsonString().Replace(marker, json, StringComparison.Ordinal);
    }

    private static string WithExtra(JsonNode baseline, string name, JsonNode value)
    {
        var copy = baseline is JsonObject ? baseline.DeepClone().AsObject() : [];
        copy[name] = value;
        return copy.ToJsonString();
    }

    private static string AllNull(JsonNode baseline) =>
        baseline is JsonObject o ? new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)null))).ToJsonString() : "{}";
}
