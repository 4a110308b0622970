using System.Text.Json.Nodes;
using CrmPlatform.IntegrationTests.Analytics;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.IntegrationTests.Interactions;
using CrmPlatform.IntegrationTests.ServiceDesk;
using Xunit.Abstractions;

namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// Every operation of each service's OpenAPI document, sent bad input (see <see cref="CaseGenerator"/>):
/// no answer may be a 5xx, and every 4xx must be a problem. One test per service; each seeds the few
/// real resources its paths name, so the fuzz also reaches handlers past their 404.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class OpenApiFuzzTests(Suite suite, ITestOutputHelper output)
{
    [Fact]
    public async Task Customers_answers_bad_input_with_problems_and_no_server_errors()
    {
        var relations = new RelationsClient(suite);
        var (customer, contacts) = await relations.KnownCustomerAsync(("Fuzz Contact", "buyer"));
        await relations.Portfolio.RegisterAsync(); // a second row, so lists have a next page to forge a cursor from
        var ids = new RealIds()
            .Add("/api/customers/{id}", customer)
            .Add("/api/customers/{id}/contacts/{contactId}", contacts[0]);

        await FuzzAsync(suite.Customers.CreateClient(), ids, Known(("customerId", customer), ("contactId", contacts[0])));
    }

    [Fact]
    public async Task Interactions_answers_bad_input_with_problems_and_no_server_errors()
    {
        var relations = new RelationsClient(suite);
        var (customer, contacts) = await relations.KnownCustomerAsync(("Fuzz Contact", "buyer"));
        var interaction = await relations.LogAsync(customer);
        await relations.LogAsync(customer);
        var commitment = await DeskClient.OkAsync(await relations.PostAsync("/api/commitments", new { customerId = customer, description = "Fuzz", dueAt = DateTimeOffset.UtcNow.AddDays(1) }));
        var ids = new RealIds()
            .Add("/api/customers/{id}", customer)
            .Add("/api/interactions/{id}", interaction)
            .Add("/api/commitments/{id}", commitment.GetProperty("id").GetGuid());

        await FuzzAsync(suite.Interactions.CreateClient(), ids, Known(("customerId", customer), ("contactId", contacts[0]), ("interactionId", interaction)));
    }

    [Fact]
    public async Task Service_desk_answers_bad_input_with_problems_and_no_server_errors()
    {
        var desk = new DeskClient(suite);
        var (customer, contacts) = await desk.CustomerAsync(contacts: 1);
        var policy = await desk.PolicyAsync();
        var calendar = (await DeskClient.OkAsync(await desk.Http.GetAsync(new Uri($"/api/sla-policies/{policy}", UriKind.Relative)))).GetProperty("calendarId").GetGuid();
        var ticket = (await desk.OpenAsync(customer)).GetProperty("id").GetGuid();
        await desk.OpenAsync(customer);
        var ids = new RealIds()
            .Add("/api/tickets/{id}", ticket)
            .Add("/api/sla-policies/{id}", policy)
            .Add("/api/business-calendars/{id}", calendar)
            .Add("/api/customers/{id}", customer);

        await FuzzAsync(suite.ServiceDesk.CreateClient(), ids, Known(("customerId", customer), ("contactId", contacts[0]), ("calendarId", calendar)));
    }

    [Fact]
    public async Task Analytics_answers_bad_input_with_problems_and_no_server_errors()
    {
        var analytics = new AnalyticsClient(suite);
        var customer = await analytics.KnownCustomerAsync();
        // Purchases, so the lists, reports and model reach their queries whether or not other tests ran first.
        foreach (var daysAgo in new[] { 40, 10 })
        {
            await AnalyticsClient.OkJsonAsync(await analytics.PostJsonAsync("/api/analytics/purchases", new[]
            {
                new { purchaseId = $"FUZZ-{Guid.NewGuid():N}", customerId = customer, occurredAt = DateTimeOffset.UtcNow.AddDays(-daysAgo), amount = 100m, currency = "BRL" },
            }));
        }

        var ids = new RealIds()
            .Add("/api/analytics/customers/{id}", customer)
            // A period no other test books spend for: a bad body that still passed would change nothing they read.
            .Add("/api/analytics/acquisition-spend/{period}", "1999-01");

        await FuzzAsync(suite.Analytics.CreateClient(), ids, Known(("customerId", customer)), SkipAnalyticsBulkJobs);
    }

    /// <summary>
    /// Recomputing RFM and rebuilding the projections are bulk jobs over every customer that read no
    /// input (no body, no query): each bad request would rerun them in full, for seconds each once the
    /// suite has loaded its histories, and there is nothing to vary in them.
    /// </summary>
    private static string? SkipAnalyticsBulkJobs(ApiOperation operation) =>
        operation.PathTemplate is "/api/analytics/rfm/recompute" or "/api/analytics/projections/rebuild" ? "bulk job without input" : null;

    private async Task FuzzAsync(HttpClient http, RealIds ids, Func<string, JsonNode?> known, Func<ApiOperation, string?>? skip = null)
    {
        http.Timeout = ServiceFuzzer.RequestTimeout * 2;
        var report = await new ServiceFuzzer(http, ids, known).RunAsync(skip);

        output.WriteLine($"{report.Operations} operations, {report.Requests} requests in {report.Elapsed.TotalSeconds:F1} s, {report.Failures.Count} failures.");
        foreach (var line in report.Statuses)
        {
            output.WriteLine(line);
        }

        if (report.Failures.Count > 0)
        {
            Assert.Fail($"{report.Failures.Count} of {report.Requests} bad requests were answered wrongly:\n  " + string.Join("\n  ", report.Failures));
        }
    }

    private static Func<string, JsonNode?> Known(params (string Property, object Value)[] values) =>
        property => values.Where(v => v.Property == property).Select(v => JsonValue.Create(v.Value.ToString())).FirstOrDefault();
}
