using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CrmPlatform.ApiBench;
using CrmPlatform.Tests.Shared;

// Usage: dotnet CrmPlatform.ApiBench.dll [seconds=20] [clients=16] [importRows=100000]
var ci = CultureInfo.InvariantCulture;
var seconds = args.Length > 0 ? int.Parse(args[0], ci) : 20;
var clients = args.Length > 1 ? int.Parse(args[1], ci) : 16;
var importRows = args.Length > 2 ? int.Parse(args[2], ci) : 100_000;
var repoRoot = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(repoRoot, "CrmPlatform.sln")))
{
    repoRoot = Path.GetDirectoryName(repoRoot.TrimEnd('/'))!;
}

Console.WriteLine($"# CrmPlatform.ApiBench {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load {File.ReadAllText("/proc/loadavg").Trim()}");
var (suite, gateway) = await SuiteProcess.StartAsync(repoRoot);
await using var _ = suite;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = gateway,
    Timeout = TimeSpan.FromSeconds(60),
};
Console.WriteLine($"suite ready, gateway {gateway}");

async Task<Guid?> RegisterAsync(int n)
{
    var body = $$"""{ "kind": "company", "legalName": "Bench Comércio {{n}} Ltda", "country": "BR", "taxId": "{{ValidTaxIds.Cnpj()}}", "email": "c{{n}}@bench.example", "segments": ["bench"] }""";
    using var response = await http.PostAsync("/api/customers", new StringContent(body, Encoding.UTF8, "application/json"));
    return response.StatusCode == HttpStatusCode.Created
        ? JsonDocument.Parse(await response.Content.ReadAsStreamAsync()).RootElement.GetProperty("id").GetGuid()
        : null;
}

// Warm-up: JIT, connection pools, EF model, first cache entries.
var ids = new List<Guid>();
for (var i = 0; i < 200; i++)
{
    ids.Add((await RegisterAsync(-i - 1))!.Value);
}

var post = await Load.RunAsync("POST /api/customers", clients, TimeSpan.FromSeconds(seconds), async n => await RegisterAsync(n) is not null);
foreach (var id in ids)
{
    (await http.GetAsync($"/api/customers/{id}")).EnsureSuccessStatusCode(); // now cached
}

var get = await Load.RunAsync("GET /api/customers/{id} (cache hit)", clients, TimeSpan.FromSeconds(seconds), async n =>
{
    using var response = await http.GetAsync($"/api/customers/{ids[n % ids.Count]}");
    return response.StatusCode == HttpStatusCode.OK;
});

foreach (var result in new[] { get, post })
{
    Console.WriteLine(string.Create(ci,
        $"{result.Name}: {result.Clients} clients, {result.Seconds:F1} s, ok {result.Ok}, failed {result.Failed}, {result.PerSecond:F0} req/s, p50 {result.P50:F1} ms, p90 {result.P90:F1} ms, p99 {result.P99:F1} ms, max {result.Max:F1} ms"));
}

// Import: one CSV of new customers, from POST to the job's completion.
var csv = new StringBuilder("kind,legalName,tradeName,country,taxId,email,segments,tags\n");
for (var i = 0; i < importRows; i++)
{
    csv.Append(ci, $"company,Importada {i} Comércio Ltda,Imp {i},BR,{ValidTaxIds.Cnpj()},i{i}@import.example,bench;import,csv\n");
}

var clock = System.Diagnostics.Stopwatch.StartNew();
using var accepted = await http.PostAsync("/api/customers/imports", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
accepted.EnsureSuccessStatusCode();
var jobPath = accepted.Headers.Location!.ToString();
JsonElement job;
do
{
    await Task.Delay(500);
    job = JsonDocument.Parse(await http.GetStringAsync(jobPath)).RootElement;
}
while (job.GetProperty("status").GetString() is "queued" or "running");

Console.WriteLine(string.Create(ci,
    $"CSV import of {importRows} new customers: {job.GetProperty("status").GetString()}, created {job.GetProperty("created").GetInt32()}, rejected {job.GetProperty("rejected").GetInt32()}, {clock.Elapsed.TotalSeconds:F1} s, {importRows / clock.Elapsed.TotalSeconds:F0} rows/s"));
return 0;
