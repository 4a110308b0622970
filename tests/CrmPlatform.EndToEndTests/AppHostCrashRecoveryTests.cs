using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.EndToEndTests.Infrastructure;
using CrmPlatform.Tests.Shared;

namespace CrmPlatform.EndToEndTests;

/// <summary>An AppHost killed outright leaves its servers and services running; the next start cleans up.</summary>
public sealed class AppHostCrashRecoveryTests
{
    [Fact]
    public async Task After_the_AppHost_is_killed_the_next_start_stops_its_leftovers_and_keeps_the_data()
    {
        // A data folder of our own (not a temporary one the AppHost would delete), on free ports.
        var dataDirectory = Path.Combine(Path.GetTempPath(), "crm-e2e-crash-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var first = await AppHostProcess.StartAsync("--data-dir", dataDirectory);
            Dictionary<string, int> leftovers;
            string taxId = ValidTaxIds.Cui();
            using (var gateway = GatewayClient.Create(first.Gateway))
            using (var dashboard = new HttpClient { BaseAddress = first.Dashboard })
            {
                (await gateway.PostAsJsonAsync("/api/customers", new { kind = "company", legalName = "Depozit SRL", country = "RO", taxId }))
                    .EnsureSuccessStatusCode();
                leftovers = (await dashboard.GetFromJsonAsync<JsonElement[]>("/api/resources"))!
                    .Where(r => r.GetProperty("pid").ValueKind == JsonValueKind.Number)
                    .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("pid").GetInt32());
            }

            AppHostProcess.Signal(first.Pid, "KILL");
            await first.DisposeAsync();
            leftovers.Keys.ShouldContain(ResourceNames.Postgres);
            leftovers.Values.ShouldAllBe(pid => Directory.Exists($"/proc/{pid}"), "the children outlive a killed AppHost");

            await using var second = await AppHostProcess.StartAsync("--data-dir", dataDirectory);

            foreach (var (name, pid) in leftovers)
            {
                Directory.Exists($"/proc/{pid}").ShouldBeFalse($"leftover {name} (pid {pid}) was not stopped");
                second.Output.ShouldContain($"sweeping leftover '{name}' (pid {pid})");
            }

            using var client = GatewayClient.Create(second.Gateway);
            var page = await client.GetAsync("/api/customers/" + Guid.Empty);
            page.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
            var again = await client.PostAsJsonAsync("/api/customers", new { kind = "company", legalName = "Depozit SRL", country = "RO", taxId });
            again.StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict, "the customer stored before the crash is still there");
            (await second.StopAsync(TimeSpan.FromSeconds(90))).ShouldBe(0, second.Output);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}
