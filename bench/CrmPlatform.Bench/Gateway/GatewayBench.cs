using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace CrmPlatform.Bench.Gateway;

/// <summary>
/// Issue 8: "Gateway overhead with authentication on: added latency p50 ≤ 0.2 ms and p99 ≤ 1 ms at light load, measured
/// against calling the service directly in the same run; throughput through the gateway on a trivial authenticated
/// route." The same authenticated GET is sent straight to the Customers service and through the gateway, in one run:
/// <list type="number">
/// <item>Light load: one client per target (one keep-alive connection each), sequential, request by request in pairs
/// (one direct, one through the gateway, in a random order per pair), so drift and the machine's noise fall on both
/// alike. Percentiles of each, the added latency as the difference of the percentiles, and the distribution of the
/// per-pair difference.</item>
/// <item>Throughput: <see cref="BenchOptions.Writers"/> closed-loop clients, each with its own connection, for a warm-up
/// then a measured window, through the gateway and direct, alternating which goes first in each round; requests/s,
/// latency, cores per process and the CPU per request.</item>
/// </list>
/// Both targets validate the token (signature, issuer, audience, lifetime) and check roles: the gateway on every route
/// but the token endpoint, the service on every endpoint.
/// </summary>
internal static class GatewayBench
{
    /// <summary>
    /// The cheapest authenticated GET the Customers service has: the search endpoint with an invalid limit. It passes
    /// authentication and the role check, then its query parser refuses it (422 problem+json, ~300 bytes) without touching
    /// PostgreSQL or Redis, so what is measured is HTTP, the token and the gateway, not the data.
    /// </summary>
    public const string DefaultPath = "/api/customers?limit=0";

    private static readonly string[] PathProcesses = ["gateway", "customers", "bench"];

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken stop)
    {
        await using var servers = await GatewayServers.StartAsync();
        var path = options.GatewayPath ?? DefaultPath;
        Line($"identity {servers.Identity}, customers service {servers.Service}, gateway {servers.Gateway} (RateLimits:Api raised to 1,000,000/s)");
        Line($"route: GET {path}{(path.Contains("{guid}", StringComparison.Ordinal) ? " ({guid}: a new random id per request)" : "")}, bearer token of bench-client (role admin) on every request");
        Line($"load average at start: {Load()}");

        using var direct = Connection(servers.Service);
        using var gateway = Connection(servers.Gateway);
        var expected = await ProbeAsync(direct, gateway, path, stop);

        var light = await LightLoadAsync(options, direct, gateway, path, expected, stop);
        PrintLightLoad(light);
        await RecordAsync(options, "light-load", light);

        var throughput = new List<ThroughputResult>();
        for (var round = 1; round <= options.Runs; round++)
        {
            // Alternate which target goes first, so a slow drift of the machine does not always favour the same one.
            var order = round % 2 == 1 ? new[] { ("gateway", servers.Gateway), ("direct", servers.Service) } : [("direct", servers.Service), ("gateway", servers.Gateway)];
            foreach (var (target, address) in order)
            {
                var result = await ThroughputAsync(options, target, address, path, expected, round, stop);
                throughput.Add(result);
                await RecordAsync(options, "throughput", result);
            }
        }

        Summarize(light, throughput);
        Line($"load average at the end: {Load()}");
        return 0;
    }

    /// <summary>One client's own connection: keep-alive, one connection, no proxy, the run's token.</summary>
    private static HttpClient Connection(Uri address) => BenchAuth.Client(address, TimeSpan.FromSeconds(30), new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    });

    /// <summary>Both targets must answer the route alike (a 401 or 429 would measure the wrong thing): the status they give is the one expected.</summary>
    private static async Task<HttpStatusCode> ProbeAsync(HttpClient direct, HttpClient gateway, string path, CancellationToken stop)
    {
        var (directStatus, directBody) = await GetAsync(direct, path, stop);
        var (gatewayStatus, gatewayBody) = await GetAsync(gateway, path, stop);
        Line($"probe: direct {(int)directStatus} ({directBody.Length} bytes), gateway {(int)gatewayStatus} ({gatewayBody.Length} bytes): {Shorten(directBody)}");
        if (directStatus != gatewayStatus || directStatus is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests || (int)directStatus >= 500)
        {
            throw new InvalidOperationException($"The route answers {(int)directStatus} direct and {(int)gatewayStatus} through the gateway: {Shorten(gatewayBody)}");
        }

        return directStatus;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string path, CancellationToken stop)
    {
        using var response = await client.GetAsync(Resolve(path), stop);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(stop));
    }

    private static Uri Resolve(string path) => new(path.Replace("{guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal), UriKind.Relative);

    /// <summary>One request, timed from send to the last byte of the body; false when the status was not the expected one.</summary>
    private static async Task<(double Ms, bool Ok)> TimeAsync(HttpClient client, string path, HttpStatusCode expected, CancellationToken stop)
    {
        var uri = Resolve(path);
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.GetAsync(uri, stop);
            await response.Content.ReadAsByteArrayAsync(stop);
            return (Stopwatch.GetElapsedTime(sent).TotalMilliseconds, response.StatusCode == expected);
        }
        catch (HttpRequestException)
        {
            return (Stopwatch.GetElapsedTime(sent).TotalMilliseconds, false);
        }
    }

    private static async Task<LightLoadResult> LightLoadAsync(BenchOptions options, HttpClient direct, HttpClient gateway, string path, HttpStatusCode expected, CancellationToken stop)
    {
        var random = new Random(options.DataSeed);
        var directMs = new double[options.Requests];
        var gatewayMs = new double[options.Requests];
        var errors = 0;
        var directFirst = 0;
        var clock = Stopwatch.StartNew();
        CpuMeter.Snapshot? cpuFrom = null;
        for (var i = -options.WarmupRequests; i < options.Requests; i++)
        {
            stop.ThrowIfCancellationRequested();
            if (i == 0)
            {
                clock.Restart();
                cpuFrom = CpuMeter.Take(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);
            }

            // A random order within each pair: neither target always follows the other (warm caches, a just-used core).
            var first = random.Next(2) == 0;
            (double Ms, bool Ok) a, b;
            if (first)
            {
                a = await TimeAsync(direct, path, expected, stop);
                b = await TimeAsync(gateway, path, expected, stop);
            }
            else
            {
                b = await TimeAsync(gateway, path, expected, stop);
                a = await TimeAsync(direct, path, expected, stop);
            }

            if (i < 0)
            {
                continue;
            }

            directFirst += first ? 1 : 0;
            directMs[i] = a.Ms;
            gatewayMs[i] = b.Ms;
            errors += (a.Ok ? 0 : 1) + (b.Ok ? 0 : 1);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var cores = cpuFrom is null ? [] : CpuMeter.CoresUsed(cpuFrom, CpuMeter.Take(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency));
        var differences = directMs.Zip(gatewayMs, (d, g) => g - d).ToArray();
        return new LightLoadResult(options.Requests, options.WarmupRequests, seconds, errors, directFirst,
            Distribution.Of(directMs), Distribution.Of(gatewayMs), Quantiles.Of(differences),
            cores.Where(c => !c.Key.Contains('/', StringComparison.Ordinal)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
    }

    private static async Task<ThroughputResult> ThroughputAsync(BenchOptions options, string target, Uri address, string path, HttpStatusCode expected, int round, CancellationToken stop)
    {
        var clients = Enumerable.Range(0, options.Writers).Select(_ => Connection(address)).ToList();
        try
        {
            var latencies = new List<double>[clients.Count];
            var errors = new int[clients.Count];
            var start = Stopwatch.GetTimestamp();
            var windowStart = start + Ticks.FromSeconds(options.WarmupSeconds);
            var windowEnd = windowStart + Ticks.FromSeconds(options.DurationSeconds);
            var tasks = clients.Select((client, i) => Task.Run(async () =>
            {
                var mine = latencies[i] = new List<double>(200_000);
                while (!stop.IsCancellationRequested && Stopwatch.GetTimestamp() < windowEnd)
                {
                    var sent = Stopwatch.GetTimestamp();
                    var (ms, ok) = await TimeAsync(client, path, expected, stop);
                    if (sent >= windowStart && Stopwatch.GetTimestamp() <= windowEnd)
                    {
                        mine.Add(ms);
                        errors[i] += ok ? 0 : 1;
                    }
                }
            }, stop)).ToList();

            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), stop);
            var cpuFrom = CpuMeter.Take(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);
            await Task.WhenAll(tasks);
            var cores = CpuMeter.CoresUsed(cpuFrom, CpuMeter.Take(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency));
            var all = latencies.SelectMany(l => l).ToArray();
            var result = new ThroughputResult(target, round, clients.Count, options.DurationSeconds, all.Length, errors.Sum(),
                Distribution.Of(all), cores.Where(c => !c.Key.Contains('/', StringComparison.Ordinal)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
            Section($"throughput via {target}, round {round}: {result.Clients} clients, one connection each, closed loop, {options.WarmupSeconds:F0} s warm-up, {options.DurationSeconds:F0} s measured");
            Line($"requests {result.Requests:N0} ({result.PerSecond:F0}/s), errors {result.Errors}; latency {result.Latency}");
            Line($"cores: {Cores(result.Cores)}");
            Line($"CPU per request: {CpuPerRequest(result)}");
            return result;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static void PrintLightLoad(LightLoadResult light)
    {
        Section($"light load: 1 client per target, sequential, {light.Requests:N0} pairs (direct and gateway, random order per pair; direct first in {light.DirectFirst:N0}) after {light.Warmup:N0} warm-up pairs, {light.Seconds:F1} s");
        Line($"errors (not the probe's status, or no answer): {light.Errors}; cores meanwhile: {Cores(light.Cores)}");
        Console.WriteLine("| target | n | mean | p50 | p90 | p99 | p99.9 | max |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, d) in new[] { ("direct", light.Direct), ("gateway", light.Gateway) })
        {
            Line($"| {name} | {d.Count:N0} | {d.Mean:F3} | {d.P50:F3} | {d.P90:F3} | {d.P99:F3} | {d.P999:F3} | {d.Max:F3} |");
        }

        var added = light.Added;
        Line($"| added (gateway − direct, difference of percentiles) | | {added.Mean:F3} | {added.P50:F3} | {added.P90:F3} | {added.P99:F3} | {added.P999:F3} | |");
        var pair = light.PairedDifference;
        Line($"per-pair difference (gateway − direct of the same pair), ms: p1 {pair.P1:F3}, p10 {pair.P10:F3}, p50 {pair.P50:F3}, mean {pair.Mean:F3}, p90 {pair.P90:F3}, p99 {pair.P99:F3}, p99.9 {pair.P999:F3}");
    }

    private static void Summarize(LightLoadResult light, List<ThroughputResult> throughput)
    {
        var added = light.Added;
        var pair = light.PairedDifference;

        Section("throughput summary");
        Console.WriteLine("| round | target | clients | req/s | p50 ms | p99 ms | p99.9 ms | errors | cores | CPU per request |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in throughput)
        {
            Line($"| {r.Round} | {r.Target} | {r.Clients} | {r.PerSecond:F0} | {r.Latency.P50:F2} | {r.Latency.P99:F2} | {r.Latency.P999:F2} | {r.Errors} | {Cores(r.Cores)} | {CpuPerRequest(r)} |");
        }

        Section("issue 8 targets");
        Console.WriteLine("| target | measured | verdict |");
        Console.WriteLine("|---|---|---|");
        var clean = light.Errors == 0;
        Line($"| added latency p50 ≤ 0.2 ms (light load) | {added.P50:F3} ms (direct {light.Direct.P50:F3}, gateway {light.Gateway.P50:F3}; per-pair median {pair.P50:F3}) | {Verdict(clean && added.P50 <= 0.2)} |");
        Line($"| added latency p99 ≤ 1 ms (light load) | {added.P99:F3} ms (direct {light.Direct.P99:F3}, gateway {light.Gateway.P99:F3}) | {Verdict(clean && added.P99 <= 1)} |");
        var viaGateway = throughput.Where(r => r.Target == "gateway").Select(r => r.PerSecond).ToList();
        var straight = throughput.Where(r => r.Target == "direct").Select(r => r.PerSecond).ToList();
        if (viaGateway.Count > 0)
        {
            Line($"| throughput through the gateway (information) | median {Fit.Median(viaGateway):F0} req/s vs direct {Fit.Median(straight):F0} req/s | — |");
        }
    }

    private static string Verdict(bool met) => met ? "met" : "NOT MET";

    private static string Cores(IReadOnlyDictionary<string, double> cores) =>
        string.Join(", ", cores.Where(c => c.Value >= 0.005).OrderByDescending(c => c.Key is "machine" or "others" ? -1 : c.Value)
            .Select(c => FormattableString.Invariant($"{c.Key} {c.Value:F2}")));

    /// <summary>CPU microseconds per request of the processes on the path: the gateway, the service and the bench's clients.</summary>
    private static string CpuPerRequest(ThroughputResult r) => r.PerSecond <= 0 ? "—" : string.Join(", ",
        PathProcesses.Where(r.Cores.ContainsKey)
            .Select(k => FormattableString.Invariant($"{k} {r.Cores[k] * 1e6 / r.PerSecond:F0} µs")));

    private static async Task RecordAsync(BenchOptions options, string kind, object measurement)
    {
        if (options.OutFile is null)
        {
            return;
        }

        var line = JsonSerializer.Serialize(new { Scenario = "gateway", Kind = kind, At = DateTimeOffset.UtcNow, Measurement = measurement, Load = Load() }, Json);
        await File.AppendAllTextAsync(options.OutFile, line + "\n", CancellationToken.None);
    }

    private static string Shorten(string body) => body.Length > 200 ? body[..200] + "…" : body;

    private static string Load() => File.ReadAllText("/proc/loadavg").Trim();

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));

    private static void Section(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"=== {title}; load average {Load()}");
    }
}

/// <summary>Light load: each target's latency, and the per-pair difference (gateway − direct of the same pair).</summary>
internal sealed record LightLoadResult(int Requests, int Warmup, double Seconds, int Errors, int DirectFirst,
    Distribution Direct, Distribution Gateway, Quantiles PairedDifference, IReadOnlyDictionary<string, double> Cores)
{
    /// <summary>The added latency as the difference of the percentiles (not a distribution of its own).</summary>
    public Distribution Added => new(Requests, Gateway.Mean - Direct.Mean, Gateway.P50 - Direct.P50, Gateway.P90 - Direct.P90,
        Gateway.P99 - Direct.P99, Gateway.P999 - Direct.P999, Gateway.Max - Direct.Max);
}

internal sealed record ThroughputResult(string Target, int Round, int Clients, double Seconds, int Requests, int Errors,
    Distribution Latency, IReadOnlyDictionary<string, double> Cores)
{
    public double PerSecond => Requests / Seconds;
}

/// <summary>Percentiles (nearest rank) of values that may be negative, with the low ones too (a difference has two tails).</summary>
internal sealed record Quantiles(int Count, double Mean, double P1, double P10, double P50, double P90, double P99, double P999)
{
    public static Quantiles Of(double[] values)
    {
        if (values.Length == 0)
        {
            return new Quantiles(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = values.Order().ToArray();
        double Rank(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Quantiles(sorted.Length, sorted.Average(), Rank(0.01), Rank(0.10), Rank(0.50), Rank(0.90), Rank(0.99), Rank(0.999));
    }
}
