using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contracts.Accounting;
using CrmPlatform.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Customers;

[Collection(SuiteCollection.Name)]
public sealed class LifecycleAndQualificationTests(Suite suite)
{
    private readonly PortfolioClient _api = new(suite);

    [Fact]
    public async Task A_customer_moves_through_the_allowed_stages_with_reasons_and_events()
    {
        var (id, etag, registered) = await _api.RegisterAsync();
        registered.GetProperty("stage").GetString().ShouldBe("lead");

        foreach (var stage in new[] { "prospect", "qualified", "customer", "inactive", "customer" })
        {
            var moved = await _api.SendAsync(HttpMethod.Post, $"/api/customers/{id}/stage", $$"""{ "stage": "{{stage}}", "reason": "step to {{stage}}" }""", etag);
            moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
            etag = moved.Headers.ETag!.ToString();
        }

        var customer = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/customers/{id}");
        customer.GetProperty("stage").GetString().ShouldBe("customer");
        customer.GetProperty("stageReason").GetString().ShouldBe("step to customer");
        (await _api.EventsAsync(id)).Count(e => e == "CustomerStageChanged").ShouldBe(5);
    }

    [Theory]
    [InlineData("customer")] // a lead cannot skip to customer
    [InlineData("inactive")]
    [InlineData("lead")] // already there
    public async Task A_move_the_lifecycle_does_not_allow_is_a_409_listing_the_allowed_ones(string target)
    {
        var (id, etag, _) = await _api.RegisterAsync();

        var response = await _api.SendAsync(HttpMethod.Post, $"/api/customers/{id}/stage", $$"""{ "stage": "{{target}}", "reason": "try" }""", etag);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await PortfolioClient.ProblemAsync(response);
        problem.GetProperty("allowedStages").EnumerateArray().Select(s => s.GetString()).ShouldBe(["prospect", "lost"]);
        (await _api.EventsAsync(id)).ShouldNotContain("CustomerStageChanged");
    }

    [Fact]
    public async Task A_stage_change_needs_a_reason_and_a_known_stage()
    {
        var (id, etag, _) = await _api.RegisterAsync();

        var response = await _api.SendAsync(HttpMethod.Post, $"/api/customers/{id}/stage", """{ "stage": "champion" }""", etag);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var errors = (await PortfolioClient.ProblemAsync(response)).GetProperty("errors");
        errors.TryGetProperty("stage", out _).ShouldBeTrue();
        errors.TryGetProperty("reason", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_assessment_scores_decides_and_keeps_its_history()
    {
        var (id, _, _) = await _api.RegisterAsync();

        var first = await _api.SendAsync(HttpMethod.Post, $"/api/customers/{id}/qualifications",
            """{ "profileFit": 80, "purchaseCapacity": 70, "paymentCapacity": 90, "retentionWorth": 60 }""", null);
        var second = await _api.SendAsync(HttpMethod.Post, $"/api/customers/{id}/qualifications",
            """{ "profileFit": 10, "purchaseCapacity": 90, "paymentCapacity": 90, "retentionWorth": 90 }""", null);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var assessed = await first.Content.ReadFromJsonAsync<JsonElement>();
        assessed.GetProperty("score").GetInt32().ShouldBe(76); // 0.3·80 + 0.25·70 + 0.25·90 + 0.2·60 = 76
        assessed.GetProperty("decision").GetString().ShouldBe("qualified");
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetString().ShouldBe("disqualified"); // fit is a knock-out
        var history = await _api.Http.GetFromJsonAsync<JsonElement[]>($"/api/customers/{id}/qualifications");
        history!.Length.ShouldBe(2);
        var customer = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/customers/{id}");
        customer.GetProperty("qualification").GetProperty("decision").GetString().ShouldBe("disqualified");
        (await _api.EventsAsync(id)).Count(e => e == "CustomerQualified").ShouldBe(2);
    }

    [Theory]
    [InlineData("""{ "profileFit": 101, "purchaseCapacity": 1, "paymentCapacity": 1, "retentionWorth": 1 }""", "profileFit")]
    [InlineData("""{ "profileFit": 1, "purchaseCapacity": 1, "paymentCapacity": 1 }""", "retentionWorth")]
    [InlineData("""{ "profileFit": "high", "purchaseCapacity": 1, "paymentCapacity": 1, "retentionWorth": 1 }""", "profileFit")]
    public async Task A_bad_assessment_is_a_422_naming_the_criterion(string body, string field)
    {
        var (id, _, _) = await _api.RegisterAsync();

        var response = await _api.SendAsync(HttpMethod.Post, $"/api/customers/{id}/qualifications", body, null);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PortfolioClient.ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Accountings_overdue_and_received_events_move_the_payment_capacity_once_each()
    {
        var (id, _, _) = await _api.RegisterAsync();
        await _api.SendAsync(HttpMethod.Post, $"/api/customers/{id}/qualifications",
            """{ "profileFit": 70, "purchaseCapacity": 70, "paymentCapacity": 90, "retentionWorth": 70 }""", null);
        var bus = suite.Customers.Services.GetRequiredService<IBus>();
        var overdue = new CustomerPaymentOverdue { CustomerId = id, InvoiceId = "NF-1", Amount = 1200m, Currency = "BRL", DueDate = new DateOnly(2026, 10, 1), ReportedAt = DateTimeOffset.UtcNow };
        var messageId = NewId.NextGuid();

        await bus.Publish(overdue, c => c.MessageId = messageId);
        await bus.Publish(overdue, c => c.MessageId = messageId); // the ERP republished it
        var capped = await Eventually.GetAsync(
            () => _api.Http.GetFromJsonAsync<JsonElement>($"/api/customers/{id}"),
            c => c.GetProperty("overdueInvoices").GetInt32() == 1);

        capped.GetProperty("overdueInvoices").GetInt32().ShouldBe(1);
        capped.GetProperty("qualification").GetProperty("decision").GetString().ShouldBe("nurture"); // payment capped at 40: score 75 → 63
        await bus.Publish(new CustomerPaymentReceived { CustomerId = id, InvoiceId = "NF-1", Amount = 1200m, Currency = "BRL", ReceivedAt = DateTimeOffset.UtcNow });
        var settled = await Eventually.GetAsync(
            () => _api.Http.GetFromJsonAsync<JsonElement>($"/api/customers/{id}"),
            c => c.GetProperty("overdueInvoices").GetInt32() == 0);
        settled.GetProperty("qualification").GetProperty("decision").GetString().ShouldBe("qualified");
        var assessments = await _api.Http.GetFromJsonAsync<JsonElement[]>($"/api/customers/{id}/qualifications");
        assessments!.Select(a => a.GetProperty("source").GetString()).ShouldBe(["accounting", "accounting", "seller"]);
    }
}
