namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// Bad values of each query parameter (one stream per parameter, on the baseline path), and a query
/// string that is itself malformed.
/// </summary>
public static class QueryCases
{
    public static IEnumerable<IEnumerable<FuzzCase>> Streams(FuzzTarget target)
    {
        yield return MalformedQueryStrings(target);
        foreach (var parameter in target.QueryParameters)
        {
            yield return Values(target, parameter);
        }
    }

    private static IEnumerable<FuzzCase> Values(FuzzTarget target, string parameter)
    {
        var name = Uri.EscapeDataString(parameter);
        var values = BadValues.QueryValues.Select(v => (v.Name, Encoded: Uri.EscapeDataString(v.Value)))
            .Append(("invalid-utf8", "%ED%A0%80%FF"))
            .Append(("bare-percent", "%"));
        if (parameter == "cursor")
        {
            values = values.Concat(BadValues.Cursors.Concat(target.ForgedCursors).Select(v => (v.Name, Uri.EscapeDataString(v.Value))));
        }

        foreach (var (caseName, encoded) in values)
        {
            yield return target.Case($"query {parameter}={caseName}", $"{target.BaselinePath}?{name}={encoded}");
        }

        yield return target.Case($"query {parameter} twice", $"{target.BaselinePath}?{name}=1&{name}=2");
        yield return target.Case($"query {parameter} without value", $"{target.BaselinePath}?{name}");
    }

    private static IEnumerable<FuzzCase> MalformedQueryStrings(FuzzTarget target)
    {
        (string Name, string Query)[] queries =
        [
            ("unknown parameter", "fuzzUnknown=1"),
            ("empty parameter name", "=x"),
            ("only separators", "&&&"),
            ("bad percent in name", "%zz=1"),
            ("oversize parameter name", new string('p', BadValues.OversizeQuery) + "=1"),
            ("nosql bracket parameter", "filter[$ne]=1"),
        ];
        return queries.Select(q => target.Case($"query {q.Name}", $"{target.BaselinePath}?{q.Query}"));
    }
}
