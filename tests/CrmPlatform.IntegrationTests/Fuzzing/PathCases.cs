namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>Each path parameter replaced by a bad segment, the others kept real: one stream per parameter.</summary>
public static class PathCases
{
    public static IEnumerable<IEnumerable<FuzzCase>> Streams(FuzzTarget target) =>
        target.Operation.PathParameters.Select(parameter =>
            BadValues.PathSegments(target.UnknownId).Select(bad =>
                target.Case($"path {parameter}={bad.Name}", target.PathWith(parameter, bad.Segment))));
}
