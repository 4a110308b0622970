namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// The cases of one operation, at most <see cref="MaxCasesPerOperation"/>. Each family (path, query,
/// body, headers) takes its turn, and within a family each stream (a parameter, a property) its turn,
/// so a cap cuts the long tail of every stream rather than whole parameters. Streams are shuffled with
/// the operation's seed, so the cut differs between streams but never between runs.
/// </summary>
public static class CaseGenerator
{
    public const int MaxCasesPerOperation = 80;

    public static IReadOnlyList<FuzzCase> Cases(FuzzTarget target)
    {
        List<List<Queue<FuzzCase>>> families =
        [
            Queues(target, PathCases.Streams(target)),
            Queues(target, BodyCases.Streams(target).Take(1)),
            Queues(target, QueryCases.Streams(target)),
            Queues(target, BodyCases.Streams(target).Skip(1)),
            Queues(target, HeaderCases.Streams(target)),
        ];
        families.RemoveAll(f => f.Count == 0);
        var turns = families.Select(_ => 0).ToArray();

        var cases = new List<FuzzCase>();
        while (cases.Count < MaxCasesPerOperation && families.Any(f => f.Any(q => q.Count > 0)))
        {
            for (var f = 0; f < families.Count && cases.Count < MaxCasesPerOperation; f++)
            {
                var streams = families[f];
                for (var tries = 0; tries < streams.Count; tries++)
                {
                    var stream = streams[turns[f]++ % streams.Count];
                    if (stream.TryDequeue(out var next))
                    {
                        cases.Add(next);
                        break;
                    }
                }
            }
        }

        return cases;
    }

    private static List<Queue<FuzzCase>> Queues(FuzzTarget target, IEnumerable<IEnumerable<FuzzCase>> streams) =>
        [.. streams.Select(s => s.ToArray()).Where(s => s.Length > 0).Select(s =>
        {
            target.Random.Shuffle(s);
            return new Queue<FuzzCase>(s);
        })];
}
