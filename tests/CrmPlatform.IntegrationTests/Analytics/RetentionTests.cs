using System.Net;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Infrastructure;

namespace CrmPlatform.IntegrationTests.Analytics;

/// <summary>
/// Retention and cohorts over 2023, a year no other test buys in: A buys in January, February and March, B in January and
/// March, C in February, D in March and April.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class RetentionTests(Suite suite)
{
    private readonly AnalyticsClient _api = new(suite);

    [Fact]
    public async Task Retention_churn_and_cohorts_count_customers_active_in_consecutive_periods()
    {
        var (a, b, c, d) = (await _api.KnownCustomerAsync(), await _api.KnownCustomerAsync(), await _api.KnownCustomerAsync(), await _api.KnownCustomerAsync());
        var rows = new (Guid Customer, string Day)[]
        {
            (a, "2023-01-10"), (a, "2023-01-20"), (a, "2023-02-10"), (a, "2023-03-10"), (b, "2023-01-31"), (b, "2023-03-01"), (c, "2023-02-15"),
            (d, "2023-03-05"), (d, "2023-04-30"),
        };
        var answer = await AnalyticsClient.OkJsonAsync(await _api.PostJsonAsync("/api/analytics/purchases", rows.Select(r => new
        {
            purchaseId = $"R-{Guid.NewGuid():N}", customerId = r.Customer, occurredAt = $"{r.Day}T12:00:00Z", amount = 10m, currency = "EUR",
        }).ToArray()));
        answer.GetProperty("accepted").GetInt32().ShouldBe(rows.Length);

        var monthly = (await _api.GetJsonAsync("/api/analytics/retention?granularity=month&from=2023-01-01&to=2023-05-01")).GetProperty("periods");
        Periods(monthly).ShouldBe(
        [
            ("2023-01", 2, 2, 0, (decimal?)null),
            ("2023-02", 2, 1, 1, 0.5m),
            ("2023-03", 3, 1, 1, 0.5m),
            ("2023-04", 1, 0, 1, 0.3333m),
        ]);
        monthly[3].GetProperty("churnRate").GetDecimal().ShouldBe(0.6667m);

        var quarterly = (await _api.GetJsonAsync("/api/analytics/retention?granularity=quarter&from=2023-01-01&to=2023-07-01")).GetProperty("periods");
        Periods(quarterly).ShouldBe([("2023-Q1", 4, 4, 0, (decimal?)null), ("2023-Q2", 1, 0, 1, 0.25m)]);
        var yearly = (await _api.GetJsonAsync("/api/analytics/retention?granularity=year&from=2023-06-01&to=2024-01-01")).GetProperty("periods");
        Periods(yearly).ShouldBe([("2023", 4, 4, 0, (decimal?)null)]);

        var cohorts = (await _api.GetJsonAsync("/api/analytics/cohorts?from=2023-01-01&to=2023-05-01")).GetProperty("cohorts").EnumerateArray()
            .Select(x => (x.GetProperty("month").GetString(), x.GetProperty("customers").GetInt64(), string.Join(',', x.GetProperty("active").EnumerateArray().Select(v => v.GetInt64()))))
            .ToList();
        cohorts.ShouldBe([("2023-01", 2L, "2,1,2,0"), ("2023-02", 1L, "1,0,0"), ("2023-03", 1L, "1,1"), ("2023-04", 0L, "0")]);
    }

    [Theory]
    [InlineData("/api/analytics/retention?granularity=week", "granularity")]
    [InlineData("/api/analytics/retention?from=2023-05-01&to=2023-01-01", "to")]
    [InlineData("/api/analytics/retention?from=1900-01-01&to=2026-01-01", "from")]
    [InlineData("/api/analytics/retention?from=yesterday", "from")]
    [InlineData("/api/analytics/cohorts?granularity=month", "granularity")]
    public async Task A_bad_period_is_a_problem_naming_the_parameter(string path, string field)
    {
        var response = await _api.Http.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await AnalyticsClient.ErrorsAsync(response)).TryGetProperty(field, out _).ShouldBeTrue();
    }

    private static List<(string?, long, long, long, decimal?)> Periods(JsonElement periods) =>
    [
        .. periods.EnumerateArray().Select(p => (
            p.GetProperty("period").GetString(), p.GetProperty("activeCustomers").GetInt64(), p.GetProperty("newCustomers").GetInt64(),
            p.GetProperty("retainedCustomers").GetInt64(),
            p.GetProperty("retentionRate").ValueKind == JsonValueKind.Null ? (decimal?)null : p.GetProperty("retentionRate").GetDecimal())),
    ];
}
