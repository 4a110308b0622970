using System.Globalization;
using System.Net;

namespace CrmPlatform.Bench.Analytics;

/// <summary>
/// The read side: the whole population's model fit through the service, the value profile under 16 clients (through the
/// gateway and straight to the service), and each portfolio view and KPI: its first, cache-miss call, then a few clients.
/// </summary>
internal static class AnalyticsReads
{
    /// <summary>
    /// The two ways the service fits the whole population: the stored model the profiles predict with
    /// (<c>POST /clv/model/refit</c>), and the ad-hoc <c>GET /clv/model</c> for a calibration end, cold (its cache is keyed
    /// by the purchases' generation, which the load moved on). Both fold the purchases per customer in SQL, then fit.
    /// </summary>
    public static async Task<List<(string Via, double Ms, int Status, string Body)>> FullFitsAsync(Uri service, DateOnly today, CancellationToken stop)
    {
        using var client = BenchAuth.Client(service, TimeSpan.FromMinutes(30));
        var results = new List<(string, double, int, string)>();
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, "/api/analytics/clv/model/refit"),
            (HttpMethod.Get, FormattableString.Invariant($"/api/analytics/clv/model?calibrationEnd={today:yyyy-MM-dd}&periodDays=7")),
        })
        {
            var (ms, status, body) = await SendAsync(client, method, path, stop);
            results.Add(($"{method} {path}", ms, status, body.Length > 400 ? body[..400] + "…" : body));
        }

        return results;
    }

    public static async Task ProfileAsync(BenchOptions options, AnalyticsServers servers, CustomerRoster roster, AnalyticsReport report, CancellationToken stop)
    {
        var customers = roster.Customers;
        string NextPath(Random random) => $"/api/analytics/customers/{customers[random.Next(customers.Count)].Id}";
        foreach (var (target, address) in new[] { ("gateway", servers.Gateway), ("service", servers.Service) })
        {
            report.Section(FormattableString.Invariant($"value profile GET /api/analytics/customers/{{random seeded id}} via {target}: {options.Writers} clients, closed loop, {options.WarmupSeconds:F0} s warm-up, {options.DurationSeconds:F0} s measured"));
            var result = await ClosedLoop.RunAsync("profile", target, address, NextPath, options.Writers, options.WarmupSeconds, options.DurationSeconds, stop);
            report.Line($"requests {result.Requests:N0} ({result.PerSecond:F0}/s), errors {result.Errors}{(result.FirstError is { } e ? $" (first: {e})" : "")}");
            report.Line($"ms: p50 {result.P50:F2}, p90 {result.P90:F2}, p99 {result.P99:F2}, max {result.Max:F2}; cores {PurchaseIngestion.Cores(result.Cores)}");
            await report.RecordAsync("profile", result);
            report.Target($"value profile p99 ≤ 5 ms (via {target}, {options.Writers} clients)", $"p99 {result.P99:F2} ms, p50 {result.P50:F2}, {result.PerSecond:F0} req/s", result.Errors == 0 && result.P99 <= 5);
        }
    }

    public static async Task ViewsAsync(BenchOptions options, AnalyticsServers servers, DateOnly today, AnalyticsReport report, CancellationToken stop)
    {
        // The KPIs of last month: a whole month of purchases, registrations and (none seeded) NPS and CSAT.
        var month = new DateOnly(today.Year, today.Month, 1);
        var kpis = string.Create(CultureInfo.InvariantCulture, $"/api/analytics/kpis?from={month.AddMonths(-1):yyyy-MM-dd}&to={month:yyyy-MM-dd}");
        string[] views =
        [
            "/api/analytics/rfm",
            "/api/analytics/portfolio/revenue?by=segment",
            "/api/analytics/portfolio/revenue?by=stage",
            "/api/analytics/portfolio/abc?measure=revenue",
            "/api/analytics/portfolio/abc?measure=margin",
            "/api/analytics/portfolio/profitability",
            "/api/analytics/retention",
            "/api/analytics/cohorts",
            kpis,
            "/api/analytics/attention",
        ];
        report.Section(FormattableString.Invariant($"portfolio views and KPIs straight at the service: first call (cold), then {options.ViewClients} clients, closed loop, {options.ViewSeconds:F0} s each"));
        using var client = BenchAuth.Client(servers.Service, TimeSpan.FromMinutes(10));
        var rows = new List<string>();
        foreach (var view in views)
        {
            var (coldMs, status, body) = await SendAsync(client, HttpMethod.Get, view, stop);
            if (status != (int)HttpStatusCode.OK)
            {
                report.Line($"{view}: first call answered {status}: {(body.Length > 300 ? body[..300] : body)}");
            }

            var result = await ClosedLoop.RunAsync(view, "service", servers.Service, _ => view, options.ViewClients, 0, options.ViewSeconds, stop);
            await report.RecordAsync("view", new { View = view, ColdMs = coldMs, ColdStatus = status, ColdBytes = body.Length, Load = result });
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {view} | {coldMs:F0} | {body.Length:N0} | {result.Requests:N0} | {result.PerSecond:F1} | {result.P50:F1} | {result.P99:F1} | {result.Max:F1} | {result.Errors} | {PurchaseIngestion.Cores(result.Cores)} |"));
            report.Target($"{view} p99 ≤ 50 ms ({options.ViewClients} clients)",
                result.Requests == 0 ? (FormattableString)$"no request answered within the {options.ViewSeconds:F0} s window (cold {coldMs:F0} ms)" : $"p99 {result.P99:F1} ms (cold {coldMs:F0} ms)",
                result.Errors == 0 && result.P99 <= 50);
        }

        Console.WriteLine("| view | cold ms | bytes | requests | req/s | p50 ms | p99 ms | max ms | errors | cores |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }
    }

    private static async Task<(double Ms, int Status, string Body)> SendAsync(HttpClient client, HttpMethod method, string path, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(method, path);
        var sent = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request, stop);
        var body = await response.Content.ReadAsStringAsync(stop);
        return (System.Diagnostics.Stopwatch.GetElapsedTime(sent).TotalMilliseconds, (int)response.StatusCode, body);
    }
}
