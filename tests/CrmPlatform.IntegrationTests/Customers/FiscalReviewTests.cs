using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Customers.Fiscal;
using CrmPlatform.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Customers;

[Collection(SuiteCollection.Name)]
public sealed class FiscalReviewTests(Suite suite)
{
    private readonly PortfolioClient _api = new(suite);

    [Fact]
    public async Task Fiscal_data_past_the_review_period_raises_the_review_once_until_verified_again()
    {
        var (stale, etag, _) = await _api.RegisterAsync(new { fiscal = new { verifiedAt = "2025-01-10T00:00:00Z" } });
        var (fresh, _, _) = await _api.RegisterAsync(new { fiscal = new { verifiedAt = DateTimeOffset.UtcNow.AddDays(-10).ToString("O") } });
        var reviews = suite.Customers.Services.GetRequiredService<FiscalReviewService>();

        while (await reviews.RaiseDueReviewsAsync(CancellationToken.None) > 0)
        {
        }

        (await _api.EventsAsync(stale)).Count(e => e == "CustomerFiscalDataReviewDue").ShouldBe(1);
        (await _api.EventsAsync(fresh)).ShouldNotContain("CustomerFiscalDataReviewDue");
        var customer = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/customers/{stale}");
        customer.GetProperty("fiscal").GetProperty("reviewDue").GetBoolean().ShouldBeTrue();

        var verified = await _api.PatchAsync($"/api/customers/{stale}", $$"""{ "fiscal": { "verifiedAt": "{{DateTimeOffset.UtcNow:O}}" } }""", customer.GetProperty("version").GetInt64() is var v ? $"\"{v}\"" : etag);
        verified.IsSuccessStatusCode.ShouldBeTrue(await verified.Content.ReadAsStringAsync());
        await reviews.RaiseDueReviewsAsync(CancellationToken.None);

        (await _api.EventsAsync(stale)).Count(e => e == "CustomerFiscalDataReviewDue").ShouldBe(1);
        (await suite.Customers.QueryAsync(db => db.Customers.Where(c => c.Id == stale).Select(c => c.FiscalReviewRaisedAt).SingleAsync())).ShouldBeNull();
    }
}
