namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// Garbage preconditions: If-Match on changes (a POST to one resource is one too), If-None-Match on
/// reads of one resource. And error answers asked for in a media type we do not write (Accept): they
/// must still be problems, as JSON, rather than plain text or an empty body.
/// </summary>
public static class HeaderCases
{
    private static readonly string[] _accepts = ["application/xml", "text/html", "text/plain;q=0.5, garbage/*;;"];

    public static IEnumerable<IEnumerable<FuzzCase>> Streams(FuzzTarget target)
    {
        yield return AcceptCases(target);
        if (target.Operation.ChangesResource || (target.Operation.Method == HttpMethod.Post && target.Operation.PathParameters.Count > 0))
        {
            yield return BadValues.IfMatch.Select(bad =>
                target.Case(bad.Name, headers: new Dictionary<string, string> { ["If-Match"] = bad.Value }));
        }
        else if (target.Operation.Method == HttpMethod.Get && target.Operation.PathParameters.Count > 0)
        {
            yield return BadValues.IfMatch.Take(3).Select(bad =>
                target.Case(bad.Name.Replace("if-match", "if-none-match", StringComparison.Ordinal), headers: new Dictionary<string, string> { ["If-None-Match"] = bad.Value }));
        }
    }

    private static IEnumerable<FuzzCase> AcceptCases(FuzzTarget target)
    {
        var routeMiss = target.Operation.PathParameters is [var first, ..] ? target.PathWith(first, "not-a-guid") : target.BaselinePath + "/fuzz-no-such-route";
        foreach (var accept in _accepts)
        {
            var headers = new Dictionary<string, string> { ["Accept"] = accept };
            yield return target.Case($"accept {accept} on a route miss", routeMiss, headers: headers);
            yield return target.Case($"accept {accept} with an unknown parameter", target.BaselinePath + "?fuzzUnknown=1", headers: headers);
            if (target.QueryParameters is [var parameter, ..])
            {
                yield return target.Case($"accept {accept} with {parameter}=abc", $"{target.BaselinePath}?{Uri.EscapeDataString(parameter)}=abc", headers: headers);
            }

            if (target.Operation.TakesBody)
            {
                yield return target.Case($"accept {accept} with malformed json", body: "{"u8.ToArray(), headers: headers);
            }
        }

        yield return target.Case("unknown method", headers: null) with { Method = new HttpMethod("FUZZ") };
    }
}
