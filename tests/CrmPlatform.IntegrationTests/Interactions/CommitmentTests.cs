using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.Interactions.Commitments;
using CrmPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Interactions;

[Collection(SuiteCollection.Name)]
public sealed class CommitmentTests(Suite suite)
{
    private readonly RelationsClient _api = new(suite);

    [Fact]
    public async Task A_commitment_is_created_from_an_interaction_completed_once_and_published()
    {
        var (customer, _) = await _api.KnownCustomerAsync();
        var interaction = await _api.LogAsync(customer);

        var created = await _api.PostAsync("/api/commitments", new { customerId = customer, description = "Fix the invoice address", dueAt = DateTimeOffset.UtcNow.AddDays(1), interactionId = interaction });

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var path = created.Headers.Location!.ToString();
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("ownerId").GetString().ShouldBe("ana.seller");
        body.GetProperty("status").GetString().ShouldBe("open");
        var stale = created.Headers.ETag!.ToString();
        var completed = await _api.SendAsync(HttpMethod.Post, path + "/complete", """{ "note": "Customer confirmed" }""", stale);
        completed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await completed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("completed");
        (await _api.SendAsync(HttpMethod.Post, path + "/complete", "{}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _api.SendAsync(HttpMethod.Post, path + "/cancel", """{ "reason": "x" }""", stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await _api.EventsAsync(customer)).ShouldBe(["InteractionLogged", "CommitmentCreated", "CommitmentCompleted"]);
    }

    [Theory]
    [InlineData("""{ "description": "" }""", "description")]
    [InlineData("""{ "dueAt": "2020-01-01T00:00:00Z" }""", "dueAt")]
    [InlineData("""{ "dueAt": "tomorrow" }""", "dueAt")]
    [InlineData("""{ "customerId": "00000000-0000-0000-0000-000000000001" }""", "customerId")]
    [InlineData("""{ "interactionId": "00000000-0000-0000-0000-000000000001" }""", "interactionId")]
    [InlineData("""{ "ticketId": "00000000-0000-0000-0000-000000000001" }""", "ticketId")]
    [InlineData("""{ "priority": "high" }""", "priority")]
    public async Task A_bad_commitment_is_a_422_naming_the_field_and_writes_nothing(string change, string field)
    {
        var (customer, _) = await _api.KnownCustomerAsync();
        var body = JsonSerializer.SerializeToNode(new { customerId = customer, description = "Call back", dueAt = DateTimeOffset.UtcNow.AddDays(1) })!.AsObject();
        foreach (var (name, value) in System.Text.Json.Nodes.JsonNode.Parse(change)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        var response = await _api.SendAsync(HttpMethod.Post, "/api/commitments", body.ToJsonString());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await RelationsClient.ErrorsAsync(response)).TryGetProperty(field, out _).ShouldBeTrue();
        (await suite.Interactions.QueryAsync(db => db.Commitments.AnyAsync(c => c.CustomerId == customer))).ShouldBeFalse();
    }

    [Fact]
    public async Task Cancelling_needs_a_reason_and_rescheduling_needs_if_match()
    {
        var (customer, _) = await _api.KnownCustomerAsync();
        var created = await _api.PostAsync("/api/commitments", new { customerId = customer, description = "Visit the new store", dueAt = DateTimeOffset.UtcNow.AddDays(3) });
        var path = created.Headers.Location!.ToString();

        (await _api.SendAsync(HttpMethod.Patch, path, """{ "ownerId": "bruno" }""", mediaType: "application/merge-patch+json")).StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        var moved = await _api.SendAsync(HttpMethod.Patch, path, """{ "ownerId": "bruno", "dueAt": "2099-01-01T00:00:00Z" }""", created.Headers.ETag!.ToString(), "application/merge-patch+json");
        moved.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity); // more than five years ahead
        moved = await _api.SendAsync(HttpMethod.Patch, path, $$"""{ "ownerId": "bruno", "dueAt": "{{DateTimeOffset.UtcNow.AddDays(5):O}}" }""", created.Headers.ETag!.ToString(), "application/merge-patch+json");
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ownerId").GetString().ShouldBe("bruno");
        var noReason = await _api.SendAsync(HttpMethod.Post, path + "/cancel", "{}");
        noReason.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await _api.SendAsync(HttpMethod.Post, path + "/cancel", """{ "reason": "The store opening was postponed" }""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _api.EventsAsync(customer)).ShouldBe(["CommitmentCreated", "CommitmentCancelled"]);
    }

    [Fact]
    public async Task An_overdue_commitment_is_published_once_even_when_sweeps_run_at_the_same_time()
    {
        var (customer, _) = await _api.KnownCustomerAsync();
        var created = await _api.PostAsync("/api/commitments", new { customerId = customer, description = "Send the contract", ownerId = "carla", dueAt = DateTimeOffset.UtcNow.AddSeconds(1) });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Task.Delay(1500);
        var sweep = suite.Interactions.Services.GetRequiredService<OverdueCommitmentSweep>();

        await Task.WhenAll(sweep.SweepOnceAsync(CancellationToken.None), sweep.SweepOnceAsync(CancellationToken.None), sweep.SweepOnceAsync(CancellationToken.None));
        await sweep.SweepOnceAsync(CancellationToken.None);

        (await suite.Interactions.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.CustomerId == customer && m.MessageType.EndsWith(":CommitmentOverdue")))).ShouldBe(1);
        var overdue = await _api.GetJsonAsync("/api/commitments?ownerId=carla&status=overdue");
        overdue.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldContain(id);
        (await _api.GetJsonAsync($"/api/commitments?customerId={customer}&status=open")).GetProperty("items")[0].GetProperty("overdue").GetBoolean().ShouldBeTrue();
        (await _api.GetJsonAsync($"/api/commitments?customerId={customer}&status=completed")).GetProperty("items").GetArrayLength().ShouldBe(0);
        var timeline = await _api.GetJsonAsync($"/api/customers/{customer}/timeline?kind=commitment_overdue");
        timeline.GetProperty("items").GetArrayLength().ShouldBe(1);
    }
}
