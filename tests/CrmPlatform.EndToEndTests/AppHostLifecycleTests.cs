using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.EndToEndTests.Infrastructure;
using CrmPlatform.Tests.Shared;

namespace CrmPlatform.EndToEndTests;

/// <summary>What ops rely on: a crashed service comes back by itself, and SIGTERM leaves nothing behind.</summary>
public sealed class AppHostLifecycleTests
{
    [Fact]
    public async Task A_killed_service_is_restarted_and_SIGTERM_stops_every_process()
    {
        await using var appHost = await AppHostProcess.StartAsync();
        using var dashboard = new HttpClient { BaseAddress = appHost.Dashboard };
        using var gateway = GatewayClient.Create(appHost.Gateway);
        var pids = (await ResourcesAsync(dashboard))
            .Where(r => r.GetProperty("pid").ValueKind == JsonValueKind.Number)
            .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("pid").GetInt32());
        pids.Keys.ShouldContain(ResourceNames.Customers);

        AppHostProcess.Signal(pids[ResourceNames.Customers], "KILL");

        var customers = await Eventually.GetAsync(async () => await ResourceAsync(dashboard, ResourceNames.Customers),
            r => r.GetProperty("restarts").GetInt32() == 1 && r.GetProperty("health").GetString() == "Healthy");
        customers.GetProperty("restarts").GetInt32().ShouldBe(1, customers.ToString());
        customers.GetProperty("health").GetString().ShouldBe("Healthy");
        var newPid = customers.GetProperty("pid").GetInt32();
        newPid.ShouldNotBe(pids[ResourceNames.Customers]);
        var created = await gateway.PostAsJsonAsync("/api/customers",
            new { kind = "company", legalName = "Popescu Transport SRL", country = "RO", taxId = ValidTaxIds.Cui() });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        var exitCode = await appHost.StopAsync(TimeSpan.FromSeconds(90));

        exitCode.ShouldBe(0, appHost.Output);
        foreach (var (name, pid) in pids.Where(p => p.Key != ResourceNames.Customers).Append(new(ResourceNames.Customers, newPid)))
        {
            Directory.Exists($"/proc/{pid}").ShouldBeFalse($"{name} (pid {pid}) is still running after the AppHost stopped");
        }
    }

    private static async Task<JsonElement[]> ResourcesAsync(HttpClient dashboard) =>
        (await dashboard.GetFromJsonAsync<JsonElement[]>("/api/resources"))!;

    private static async Task<JsonElement> ResourceAsync(HttpClient dashboard, string name) =>
        (await ResourcesAsync(dashboard)).Single(r => r.GetProperty("name").GetString() == name);
}
