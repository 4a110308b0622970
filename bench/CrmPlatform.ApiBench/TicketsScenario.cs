using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace CrmPlatform.ApiBench;

/// <summary>
/// POST /api/tickets through the gateway (issue 6: ≥ 1,500 req/s, p99 ≤ 60 ms): a 24×7 calendar and an
/// SLA policy for the bench's segment, 50 customers known to the service desk, then a closed loop of
/// new complaints spread over them, each opened with its SLA computed.
/// </summary>
public static class TicketsScenario
{
    private const int Customers = 50;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static async Task RunAsync(HttpClient http, SuiteProcess suite, int seconds, int clients)
    {
        await SetUpSlaAsync(http);
        var customers = new List<Guid>();
        for (var i = 0; i < Customers; i++)
        {
            customers.Add(await BenchCustomers.RegisterAsync(http, -i - 1) ?? throw new InvalidOperationException("POST /api/customers failed."));
        }

        var clock = Stopwatch.StartNew();
        foreach (var customer in customers)
        {
            while (!await OpenAsync(http, customer))
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new InvalidOperationException($"Customer {customer} did not reach the service desk.");
                }

                await Task.Delay(100);
            }
        }

        Console.WriteLine(string.Create(Ci, $"{Customers} customers known to the service desk after {clock.Elapsed.TotalSeconds:F1} s"));
        Guid Spread(int n) => customers[(n / 1_000_000 + n % 1_000_000) % customers.Count];
        await Load.RunAsync("warm-up", clients, TimeSpan.FromSeconds(3), n => OpenAsync(http, Spread(n)));
        var before = CpuUse.Take(suite.ProcessId);
        var post = await Load.RunAsync($"POST /api/tickets ({Customers} customers)", clients, TimeSpan.FromSeconds(seconds), n => OpenAsync(http, Spread(n)));
        var after = CpuUse.Take(suite.ProcessId);
        Console.WriteLine(Load.Describe(post));
        Console.WriteLine($"  cores: {CpuUse.Describe(before, after)}");
        Console.WriteLine($"  load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static async Task<bool> OpenAsync(HttpClient http, Guid customer)
    {
        var body = $$"""{"customerId":"{{customer}}","type":"complaint","channel":"phone","priority":"high","subject":"Bench complaint","description":"Order arrived late."}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.Created;
    }

    /// <summary>A calendar and a policy for the segment <c>bench</c> that <see cref="BenchCustomers"/> gives every customer.</summary>
    private static async Task SetUpSlaAsync(HttpClient http)
    {
        const string day = """[{ "start": "00:00", "end": "24:00" }]""";
        var calendar = await http.PostAsync("/api/business-calendars", new StringContent(
            $$"""{ "name": "Bench 24x7", "timeZone": "America/Sao_Paulo", "hours": { "monday": {{day}}, "tuesday": {{day}}, "wednesday": {{day}}, "thursday": {{day}}, "friday": {{day}}, "saturday": {{day}}, "sunday": {{day}} } }""",
            Encoding.UTF8, "application/json"));
        calendar.EnsureSuccessStatusCode();
        var calendarId = System.Text.Json.JsonDocument.Parse(await calendar.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var target = """{ "firstResponseMinutes": 30, "resolutionMinutes": 480 }""";
        var policy = await http.PostAsync("/api/sla-policies", new StringContent(
            $$"""{ "name": "Bench", "calendarId": "{{calendarId}}", "appliesTo": { "segment": "bench" }, "targets": { "urgent": {{target}}, "high": {{target}}, "normal": {{target}}, "low": {{target}} } }""",
            Encoding.UTF8, "application/json"));
        policy.EnsureSuccessStatusCode();
    }
}
