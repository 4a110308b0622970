using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.ServiceDesk;

[Collection(SuiteCollection.Name)]
public sealed class TicketTests(Suite suite)
{
    private readonly DeskClient _desk = new(suite);

    [Fact]
    public async Task A_ticket_opens_with_its_segments_sla_and_is_published()
    {
        var policy = await _desk.PolicyAsync(firstResponseMinutes: 30, resolutionMinutes: 240);
        var (customer, contacts) = await _desk.CustomerAsync(contacts: 1);

        var ticket = await _desk.OpenAsync(customer, new { contactId = contacts[0], priority = "high", queue = "Billing", tags = new List<string> { "Invoice" } });

        ticket.GetProperty("number").GetString()!.ShouldStartWith("SAC-");
        ticket.GetProperty("status").GetString().ShouldBe("new");
        ticket.GetProperty("queue").GetString().ShouldBe("billing");
        var sla = ticket.GetProperty("sla");
        sla.GetProperty("policyId").GetGuid().ShouldBe(policy);
        var opened = ticket.GetProperty("openedAt").GetDateTimeOffset();
        sla.GetProperty("firstResponse").GetProperty("dueAt").GetDateTimeOffset().ShouldBe(opened.AddMinutes(30));
        sla.GetProperty("resolution").GetProperty("dueAt").GetDateTimeOffset().ShouldBe(opened.AddMinutes(240));
        sla.GetProperty("firstResponse").GetProperty("state").GetString().ShouldBe("running");
        sla.GetProperty("firstResponse").GetProperty("remainingSeconds").GetInt64().ShouldBeInRange(29 * 60, 30 * 60);
        (await _desk.EventsAsync(customer)).ShouldBe(["TicketOpened", "TicketAssigned"]);
    }

    [Theory]
    [InlineData("""{ "type": "praise" }""", "type")]
    [InlineData("""{ "channel": "fax" }""", "channel")]
    [InlineData("""{ "priority": "critical" }""", "priority")]
    [InlineData("""{ "subject": "" }""", "subject")]
    [InlineData("""{ "description": null }""", "description")]
    [InlineData("""{ "customerId": "00000000-0000-0000-0000-000000000001" }""", "customerId")]
    [InlineData("""{ "contactId": "00000000-0000-0000-0000-000000000001" }""", "contactId")]
    [InlineData("""{ "queue": "a|b" }""", "queue")]
    [InlineData("""{ "severity": 1 }""", "severity")]
    public async Task A_bad_ticket_is_a_422_naming_the_field_and_writes_nothing(string change, string field)
    {
        var (customer, _) = await _desk.CustomerAsync();
        var body = JsonSerializer.SerializeToNode(new { customerId = customer, type = "request", channel = "email", subject = "Second copy of invoice", description = "Please send it again." })!.AsObject();
        foreach (var (name, value) in System.Text.Json.Nodes.JsonNode.Parse(change)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        var response = await _desk.SendAsync(HttpMethod.Post, "/api/tickets", body.ToJsonString());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Customers.PortfolioClient.ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await suite.ServiceDesk.QueryAsync(db => db.Tickets.AnyAsync(t => t.CustomerId == customer))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_workflow_allows_only_its_moves_and_a_reopen_within_the_window()
    {
        await _desk.PolicyAsync();
        var (customer, _) = await _desk.CustomerAsync();
        var ticket = await _desk.OpenAsync(customer);
        var path = $"/api/tickets/{ticket.GetProperty("id").GetGuid()}";

        var reply = await _desk.SendAsync(HttpMethod.Post, path + "/messages", """{ "kind": "reply", "body": "We are on it." }""");
        reply.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _desk.SendAsync(HttpMethod.Post, path + "/messages", """{ "kind": "note", "body": "Carrier says Tuesday." }""")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var afterReply = await DeskClient.OkAsync(await _desk.SendAsync(HttpMethod.Get, path));
        afterReply.GetProperty("status").GetString().ShouldBe("open");
        afterReply.GetProperty("sla").GetProperty("firstResponse").GetProperty("state").GetString().ShouldBe("met");
        var closedTooEarly = await _desk.SendAsync(HttpMethod.Post, path + "/status", """{ "status": "closed" }""");
        closedTooEarly.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var notAllowed = await closedTooEarly.Content.ReadFromJsonAsync<JsonElement>();
        notAllowed.GetProperty("allowedStatuses").EnumerateArray().Select(s => s.GetString()).ShouldBe(["pending", "resolved"]);
        notAllowed.GetProperty("currentStatus").GetString().ShouldBe("open");
        notAllowed.EnumerateObject().Single(m => m.Name == "status").Value.GetInt32().ShouldBe(409);
        (await _desk.SendAsync(HttpMethod.Post, path + "/status", """{ "status": "resolved", "reason": "Redelivered" }""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var reopened = await DeskClient.OkAsync(await _desk.SendAsync(HttpMethod.Post, path + "/status", """{ "status": "open", "reason": "Still missing one box" }"""));
        reopened.GetProperty("reopenCount").GetInt32().ShouldBe(1);
        await _desk.SendAsync(HttpMethod.Post, path + "/status", """{ "status": "resolved" }""");
        (await _desk.SendAsync(HttpMethod.Post, path + "/status", """{ "status": "closed" }""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _desk.SendAsync(HttpMethod.Post, path + "/messages", """{ "kind": "reply", "body": "x" }""")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _desk.SendAsync(HttpMethod.Post, path + "/status", """{ "status": "open" }""")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _desk.EventsAsync(customer)).ShouldBe([
            "TicketOpened", "TicketStatusChanged", "TicketResolved", "TicketStatusChanged", "TicketReopened", "TicketStatusChanged",
            "TicketResolved", "TicketStatusChanged", "TicketStatusChanged"]);
        (await DeskClient.OkAsync(await _desk.SendAsync(HttpMethod.Get, path + "/messages"))).GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Changing_the_priority_retargets_the_sla_and_moving_the_queue_publishes_an_assignment()
    {
        await _desk.PolicyAsync(firstResponseMinutes: 60, resolutionMinutes: 240);
        var (customer, _) = await _desk.CustomerAsync();
        var ticket = await _desk.OpenAsync(customer, new { priority = "low" });
        var path = $"/api/tickets/{ticket.GetProperty("id").GetGuid()}";
        var etag = (await _desk.SendAsync(HttpMethod.Get, path)).Headers.ETag!.ToString();

        (await _desk.SendAsync(HttpMethod.Patch, path, """{ "priority": "urgent" }""", null, "application/merge-patch+json")).StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        var changed = await DeskClient.OkAsync(await _desk.SendAsync(HttpMethod.Patch, path, """{ "priority": "urgent", "queue": "escalations", "assigneeId": "bia" }""", etag, "application/merge-patch+json"));

        var opened = changed.GetProperty("openedAt").GetDateTimeOffset();
        changed.GetProperty("sla").GetProperty("firstResponse").GetProperty("dueAt").GetDateTimeOffset().ShouldBe(opened.AddMinutes(60)); // low had 120
        (await _desk.SendAsync(HttpMethod.Patch, path, """{ "priority": "low" }""", etag, "application/merge-patch+json")).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await _desk.EventsAsync(customer)).ShouldBe(["TicketOpened", "TicketAssigned"]);
        var list = await DeskClient.OkAsync(await _desk.SendAsync(HttpMethod.Get, "/api/tickets?queue=escalations&priority=urgent&assigneeId=bia"));
        list.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ShouldContain(ticket.GetProperty("id").GetGuid());
        (await _desk.SendAsync(HttpMethod.Get, "/api/tickets?status=done")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_strategic_account_gets_the_strategic_policy_and_a_merge_moves_its_tickets_to_the_survivor()
    {
        await _desk.PolicyAsync(firstResponseMinutes: 60, resolutionMinutes: 240);
        var calendarId = await suite.ServiceDesk.QueryAsync(db => db.SlaPolicies.Where(p => p.ForSegment == _desk.Segment).Select(p => p.CalendarId).SingleAsync());
        var strategic = await _desk.SendAsync(HttpMethod.Post, "/api/sla-policies",
            $$"""{ "name": "Strategic accounts", "calendarId": "{{calendarId}}", "appliesTo": { "strategic": true }, "targets": { "urgent": { "firstResponseMinutes": 5, "resolutionMinutes": 30 }, "high": { "firstResponseMinutes": 10, "resolutionMinutes": 60 }, "normal": { "firstResponseMinutes": 15, "resolutionMinutes": 120 }, "low": { "firstResponseMinutes": 30, "resolutionMinutes": 240 } } }""");
        var strategicId = (await DeskClient.OkAsync(strategic)).GetProperty("id").GetGuid();
        var (survivor, _) = await _desk.CustomerAsync();
        var (duplicate, _) = await _desk.CustomerAsync();
        var etag = (await _desk.Portfolio.Http.GetAsync($"/api/customers/{survivor}")).Headers.ETag!.ToString();
        (await _desk.Portfolio.PatchAsync($"/api/customers/{survivor}", """{ "isStrategic": true }""", etag)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.GetAsync(() => suite.ServiceDesk.QueryAsync(db => db.Customers.Where(c => c.Id == survivor).Select(c => c.IsStrategic).SingleAsync()), s => s);

        var vip = await _desk.OpenAsync(survivor);
        var old = await _desk.OpenAsync(duplicate);
        etag = (await _desk.Portfolio.Http.GetAsync($"/api/customers/{survivor}")).Headers.ETag!.ToString();
        (await _desk.Portfolio.SendAsync(HttpMethod.Post, $"/api/customers/{survivor}/merge", $$"""{ "mergedIds": ["{{duplicate}}"] }""", etag)).StatusCode.ShouldBe(HttpStatusCode.OK);

        vip.GetProperty("sla").GetProperty("policyId").GetGuid().ShouldBe(strategicId);
        old.GetProperty("sla").GetProperty("policyId").GetGuid().ShouldNotBe(strategicId);
        var moved = await Eventually.GetAsync(
            async () => await DeskClient.OkAsync(await _desk.SendAsync(HttpMethod.Get, $"/api/tickets?customerId={survivor}")),
            page => page.GetProperty("items").GetArrayLength() == 2);
        moved.GetProperty("items").GetArrayLength().ShouldBe(2);
        (await DeskClient.OkAsync(await _desk.SendAsync(HttpMethod.Get, $"/api/tickets?customerId={duplicate}"))).GetProperty("items").GetArrayLength().ShouldBe(2); // the old id finds them too
    }
}
