using System.Text;

namespace CrmPlatform.Bench.Analytics;

/// <summary>
/// The plans auto_explain logged (with <c>--explain-slow</c>): each entry of the server's log that starts with
/// "duration: … plan:" and the indented lines after it. Printed once per distinct statement (the first, with how many
/// times a statement that slow was logged), so a view called hundreds of times shows one plan.
/// </summary>
internal static class SlowPlans
{
    public static async Task PrintAsync(string logFile, double thresholdMs, TextWriter output)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync(FormattableString.Invariant($"=== plans of the statements slower than {thresholdMs:F0} ms (auto_explain: ANALYZE, BUFFERS, no per-node timing)"));
        if (!File.Exists(logFile))
        {
            await output.WriteLineAsync($"no server log at {logFile} (an external server logs elsewhere)");
            return;
        }

        var plans = new Dictionary<string, (int Count, double MaxMs, string Plan)>(StringComparer.Ordinal);
        StringBuilder? current = null;
        double currentMs = 0;
        void Finish()
        {
            if (current is null)
            {
                return;
            }

            var plan = current.ToString();
            // The statement is the "Query Text:" line and those up to the plan: the key of "the same statement".
            var start = plan.IndexOf("Query Text:", StringComparison.Ordinal);
            var key = start < 0 ? plan : plan[start..Math.Min(plan.Length, start + 600)];
            var (count, max, first) = plans.GetValueOrDefault(key, (0, 0, plan));
            plans[key] = (count + 1, Math.Max(max, currentMs), first);
            current = null;
        }

        foreach (var line in await File.ReadAllLinesAsync(logFile))
        {
            var marker = line.IndexOf("duration: ", StringComparison.Ordinal);
            if (marker >= 0 && line.Contains(" plan:", StringComparison.Ordinal))
            {
                Finish();
                current = new StringBuilder().AppendLine(line[marker..]);
                var number = line[(marker + "duration: ".Length)..].Split(' ')[0];
                currentMs = double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms) ? ms : 0;
            }
            else if (current is not null && line.Length > 0 && char.IsWhiteSpace(line[0]))
            {
                current.AppendLine(line);
            }
            else
            {
                Finish();
            }
        }

        Finish();
        foreach (var (_, (count, max, plan)) in plans.OrderByDescending(p => p.Value.MaxMs))
        {
            await output.WriteLineAsync(FormattableString.Invariant($"--- logged {count} times, slowest {max:F0} ms; the first:"));
            await output.WriteAsync(plan);
        }
    }
}
