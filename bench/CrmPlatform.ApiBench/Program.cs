using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CrmPlatform.ApiBench;
using CrmPlatform.Tests.Shared;

// Usage: [SCENARIO=portfolio|interactions|tickets] dotnet CrmPlatform.ApiBench.dll [seconds=20] [clients=16] [importRows=100000]
// portfolio (the default): GET and POST customers, then a CSV import (issue 4).
// interactions: POST interactions, the timeline's first page and a deep page (issue 5); importRows is not used.
var ci = CultureInfo.InvariantCulture;
var seconds = args.Length > 0 ? int.Parse(args[0], ci) : 20;
var clients = args.Length > 1 ? int.Parse(args[1], ci) : 16;
var importRows = args.Length > 2 ? int.Parse(args[2], ci) : 100_000;
var scenario = Environment.GetEnvironmentVariable("SCENARIO") is { Length: > 0 } chosen ? chosen : "portfolio";
if (scenario is not ("portfolio" or "interactions" or "tickets"))
{
    Console.Error.WriteLine($"Unknown SCENARIO '{scenario}': use portfolio, interactions or tickets.");
    return 2;
}

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
await BenchToken.AuthorizeAsync(http);
Console.WriteLine($"suite ready, gateway {gateway}; bench-client token from the gateway's /connect/token on every request; gateway API rate limit raised ({string.Join(", ", SuiteProcess.RateLimitEnvironment.Select(v => $"{v.Key}={v.Value}"))})");

if (scenario == "interactions")
{
    await InteractionsScenario.RunAsync(http, suite, seconds, clients);
    return 0;
}

if (scenario == "tickets")
{
    await TicketsScenario.RunAsync(http, suite, seconds, clients);
    return 0;
}

Task<Guid?> RegisterAsync(int n) => BenchCustomers.RegisterAsync(http, n);

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
    Console.WriteLine(Load.Describe(result));
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
