using System.Globalization;
using System.Text.Json;

namespace CrmPlatform.Bench.Analytics;

/// <summary>
/// Where the scenario's figures go: readable lines on standard output, each measurement also as a JSON line in
/// <c>--out</c> (with its kind), and the issue's targets collected for the verdict table at the end.
/// </summary>
internal sealed class AnalyticsReport(string? outFile)
{
    private readonly List<(string Target, string Measured, bool? Met)> _targets = [];
    private readonly TextWriter _console = Console.Out;

    // A window in which no request of a slow view completed has NaN percentiles: written as "NaN", not a crash.
    private static readonly JsonSerializerOptions _json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string Load() => File.ReadAllText("/proc/loadavg").Trim();

    public void Line(FormattableString text) => _console.WriteLine(text.ToString(CultureInfo.InvariantCulture));

    public void Section(string title)
    {
        _console.WriteLine();
        _console.WriteLine($"=== {title}; load average {Load()}");
    }

    public async Task RecordAsync(string kind, object measurement)
    {
        if (outFile is null)
        {
            return;
        }

        var line = JsonSerializer.Serialize(new { Kind = kind, At = DateTimeOffset.UtcNow, Measurement = measurement, Load = Load() }, _json);
        await File.AppendAllTextAsync(outFile, line + "\n", CancellationToken.None);
    }

    /// <summary>Notes a target of issue 7 and whether the measurement met it (null: not measured, or for information).</summary>
    public void Target(string target, FormattableString measured, bool? met) =>
        _targets.Add((target, measured.ToString(CultureInfo.InvariantCulture), met));

    public void PrintTargets(string scale)
    {
        Section($"issue 7 targets ({scale})");
        Console.WriteLine("| target | measured | verdict |");
        Console.WriteLine("|---|---|---|");
        foreach (var (target, measured, met) in _targets)
        {
            Console.WriteLine($"| {target} | {measured} | {(met is null ? "—" : met.Value ? "met" : "NOT MET")} |");
        }
    }
}
