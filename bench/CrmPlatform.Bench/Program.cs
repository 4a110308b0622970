using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using CrmPlatform.Bench;
using CrmPlatform.Bench.Analytics;
using CrmPlatform.Bench.Gateway;
using CrmPlatform.Bench.Search;
using CrmPlatform.Bench.Sla;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

var ci = CultureInfo.InvariantCulture;
using var stop = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var sigInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

if (options.Scenario == Scenario.Search)
{
    Console.WriteLine($"# CrmPlatform.Bench search {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):F1} GiB, .NET {Environment.Version}");
    try
    {
        return await SearchBench.RunAsync(options, stop.Token);
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        await Console.Error.WriteLineAsync("interrupted; stopping the servers");
        return 130;
    }
}

if (options.Scenario == Scenario.Sla)
{
    Console.WriteLine($"# CrmPlatform.Bench sla {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):F1} GiB, .NET {Environment.Version}");
    try
    {
        return await SlaBench.RunAsync(options, stop.Token);
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        await Console.Error.WriteLineAsync("interrupted; stopping the servers");
        return 130;
    }
}

if (options.Scenario == Scenario.Analytics)
{
    Console.WriteLine($"# CrmPlatform.Bench analytics {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):F1} GiB, .NET {Environment.Version}");
    try
    {
        return await AnalyticsBench.RunAsync(options, stop.Token);
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        await Console.Error.WriteLineAsync("interrupted; stopping the servers");
        return 130;
    }
}

if (options.Scenario == Scenario.Gateway)
{
    Console.WriteLine($"# CrmPlatform.Bench gateway {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):F1} GiB, .NET {Environment.Version}");
    try
    {
        return await GatewayBench.RunAsync(options, stop.Token);
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        await Console.Error.WriteLineAsync("interrupted; stopping the servers");
        return 130;
    }
}

await using var servers = await BenchServers.StartAsync(options.Durable);
Console.WriteLine($"# CrmPlatform.Bench {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):F1} GiB, .NET {Environment.Version}");
foreach (var (name, value) in await servers.DescribeAsync())
{
    Console.WriteLine($"{name}: {value}");
}

Console.WriteLine(string.Create(ci, $"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}"));

var results = new List<RunResult>();
var retries = options.RetryDisturbed;
try
{
    for (var run = 1; run <= options.Runs;)
    {
        await WaitForQuietAsync(options.QuietWaitSeconds, stop.Token);
        RunResult result;
        await using (var bench = new BenchRun(options, servers, run))
        {
            result = await bench.ExecuteAsync(stop.Token);
        }

        result = result with { Disturbed = result.Cores.GetValueOrDefault("others") > 0.15 };
        Console.Write(result.Describe());
        Console.WriteLine(string.Create(ci, $"load average after run: {File.ReadAllText("/proc/loadavg").Trim()}"));
        if (options.OutFile is { } file)
        {
            await File.AppendAllTextAsync(file, JsonSerializer.Serialize(result) + "\n", CancellationToken.None);
        }

        if (result.Disturbed && retries > 0)
        {
            retries--;
            Console.WriteLine(string.Create(ci, $"DISTURBED: other processes used {result.Cores["others"]:F2} cores; repeating run {run} ({retries} repeats left)"));
            continue;
        }

        if (result.Disturbed)
        {
            Console.WriteLine(string.Create(ci, $"DISTURBED: other processes used {result.Cores["others"]:F2} cores; no repeats left, kept"));
        }

        results.Add(result);
        run++;
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("interrupted; stopping the servers");
    return 130;
}

double Median(Func<RunResult, double> metric) => Fit.Median(results.Select(metric));
Console.WriteLine();
Console.WriteLine(string.Create(ci, $"=== median of {results.Count} runs: {options.Scenario} {options.Label} rate={(options.Rate > 0 ? options.Rate : "closed loop")} writers={options.Writers} batch={options.Batch} {string.Join(' ', options.ServiceArgs)}"));
Console.WriteLine(string.Create(ci, $"producer {Median(r => r.ProducerRate):F0} events/s, consumer {Median(r => r.ConsumerRate):F0} events/s, backlog slope {Median(r => r.BacklogSlope):F1} events/s, sustained in {results.Count(r => r.Sustained)}/{results.Count} runs, disturbed {results.Count(r => r.Disturbed)}; consumer alone while draining {Median(r => r.DrainRate):F0} events/s"));
if (options.Scenario == Scenario.Latency)
{
    Console.WriteLine(string.Create(ci, $"latency ms: p50 {Median(r => r.Latency.P50):F2}, p90 {Median(r => r.Latency.P90):F2}, p99 {Median(r => r.Latency.P99):F2}, p99.9 {Median(r => r.Latency.P999):F2}, max {Median(r => r.Latency.Max):F2}"));
    var p50 = Median(r => r.Latency.P50);
    var p99 = Median(r => r.Latency.P99);
    Console.WriteLine(string.Create(ci, $"targets at this rate: p50 <= 5 ms {(p50 <= 5 ? "MET" : "NOT MET")} ({p50:F2}), p99 <= 50 ms {(p99 <= 50 ? "MET" : "NOT MET")} ({p99:F2})"));
}

Console.WriteLine(string.Create(ci, $"cores: {string.Join(", ", results[0].Cores.Keys.Order(StringComparer.Ordinal).Select(k => $"{k} {Median(r => r.Cores.GetValueOrDefault(k)):F2}"))}"));
Console.WriteLine("| run | producer ev/s | consumer ev/s | p50 | p90 | p99 | p99.9 | max | backlog max | slope ev/s | unsent max | queue max | sustained |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(ci,
        $"| {r.Run} | {r.ProducerRate:F0} | {r.ConsumerRate:F0} | {r.Latency.P50:F2} | {r.Latency.P90:F2} | {r.Latency.P99:F2} | {r.Latency.P999:F2} | {r.Latency.Max:F2} | {r.BacklogMax} | {r.BacklogSlope:F1} | {r.UnsentMax} | {r.QueueReadyMax} | {(r.Sustained ? "yes" : "no")} |"));
}

return 0;

// Between runs our servers are idle, so what the machine spends is someone else's (another build or test run).
static async Task WaitForQuietAsync(double maxSeconds, CancellationToken cancellationToken)
{
    var deadline = DateTime.UtcNow.AddSeconds(maxSeconds);
    while (true)
    {
        var from = CpuMeter.Take(0);
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var busy = (CpuMeter.Take(5).MachineBusy - from.MachineBusy) / 5;
        if (busy < 0.25 || DateTime.UtcNow >= deadline)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"machine busy {busy:F2} cores before the run{(busy < 0.25 ? "" : " (gave up waiting for quiet)")}; load {File.ReadAllText("/proc/loadavg").Trim()}"));
            return;
        }

        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"waiting for a quiet machine: {busy:F2} cores busy"));
    }
}
