using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.Interactions;

[Collection(SuiteCollection.Name)]
public sealed class InteractionApiTests(Suite suite)
{
    private readonly RelationsClient _api = new(suite);

    [Fact]
    public async Task A_call_with_the_customers_contact_is_stored_published_and_put_on_the_timeline()
    {
        var (customer, contacts) = await _api.KnownCustomerAsync(("Maria Souza", "decision_maker"));
        var at = DateTimeOffset.UtcNow.AddHours(-2);

        var response = await _api.PostAsync("/api/interactions", new
        {
            customerId = customer,
            type = "call",
            direction = "outbound",
            occurredAt = at.ToString("O"),
            endedAt = at.AddMinutes(12).ToString("O"),
            contactIds = new[] { contacts[0] },
            subject = "Renewal terms",
            summary = "Agreed to send the new price list.",
            outcome = "positive",
            tags = new List<string> { "Renewal" },
            departments = new List<string> { "sales", "accounting" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        created.GetProperty("channel").GetString().ShouldBe("phone");
        created.GetProperty("durationSeconds").GetInt32().ShouldBe(720);
        created.GetProperty("employeeId").GetString().ShouldBe("ana.seller");
        created.GetProperty("tags")[0].GetString().ShouldBe("renewal");
        var read = await _api.GetJsonAsync(response.Headers.Location!.ToString());
        read.GetProperty("summary").GetString().ShouldBe("Agreed to send the new price list.");
        read.GetProperty("departments").EnumerateArray().Select(d => d.GetString()).ShouldBe(["sales", "accounting"]);
        (await _api.EventsAsync(customer)).ShouldBe(["InteractionLogged"]);
        var timeline = await _api.GetJsonAsync($"/api/customers/{customer}/timeline");
        var lines = timeline.GetProperty("items").EnumerateArray().ToList();
        lines.Select(l => l.GetProperty("kind").GetString()).ShouldBe(["registered", "interaction"]); // newest first: registered just now, the call 2 h ago
        var line = lines[1];
        line.GetProperty("title").GetString().ShouldBe("Outbound call (phone): Renewal terms");
        line.GetProperty("data").GetProperty("interactionId").GetGuid().ShouldBe(created.GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("""{ "type": "fax" }""", "type")]
    [InlineData("""{ "direction": "sideways" }""", "direction")]
    [InlineData("""{ "type": "visit", "channel": "email" }""", "channel")]
    [InlineData("""{ "type": "message" }""", "channel")]
    [InlineData("""{ "type": "note" }""", "direction")]
    [InlineData("""{ "occurredAt": "2026-01-01T10:00:00" }""", "occurredAt")]
    [InlineData("""{ "occurredAt": "2999-01-01T10:00:00Z" }""", "occurredAt")]
    [InlineData("""{ "occurredAt": "2026-01-01T10:00:00Z", "endedAt": "2026-01-01T09:00:00Z" }""", "endedAt")]
    [InlineData("""{ "subject": "" }""", "subject")]
    [InlineData("""{ "subject": "a\u0000b" }""", "subject")]
    [InlineData("""{ "outcome": "great" }""", "outcome")]
    [InlineData("""{ "departments": ["finance"] }""", "departments[0]")]
    [InlineData("""{ "departments": [] }""", "departments")]
    [InlineData("""{ "contactIds": ["not-an-id"] }""", "contactIds[0]")]
    [InlineData("""{ "customerId": 42 }""", "customerId")]
    [InlineData("""{ "mood": "happy" }""", "mood")]
    public async Task A_bad_interaction_is_a_422_naming_the_field_and_writes_nothing(string change, string field)
    {
        var (customer, _) = await _api.KnownCustomerAsync();
        var body = JsonSerializer.SerializeToNode(new { customerId = customer, type = "call", direction = "inbound", occurredAt = "2026-01-01T10:00:00Z", subject = "Order status" })!.AsObject();
        foreach (var (name, value) in JsonNode(change))
        {
            body[name] = value?.DeepClone();
        }

        var response = await _api.SendAsync(HttpMethod.Post, "/api/interactions", body.ToJsonString());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await RelationsClient.ErrorsAsync(response)).TryGetProperty(field, out _).ShouldBeTrue(body.ToJsonString());
        (await suite.Interactions.QueryAsync(db => db.Interactions.AnyAsync(i => i.CustomerId == customer))).ShouldBeFalse();
    }

    [Fact]
    public async Task An_unknown_customer_or_another_customers_contact_is_a_422_and_writes_nothing()
    {
        var (customer, _) = await _api.KnownCustomerAsync();
        var (_, othersContacts) = await _api.KnownCustomerAsync(("João", "buyer"));

        var unknown = await _api.PostAsync("/api/interactions", new { customerId = Guid.NewGuid(), type = "note", occurredAt = DateTimeOffset.UtcNow, subject = "x" });
        var foreignContact = await _api.PostAsync("/api/interactions", new { customerId = customer, type = "visit", direction = "outbound", occurredAt = DateTimeOffset.UtcNow, subject = "x", contactIds = othersContacts });

        unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await RelationsClient.ErrorsAsync(unknown)).TryGetProperty("customerId", out _).ShouldBeTrue();
        foreignContact.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await RelationsClient.ErrorsAsync(foreignContact)).TryGetProperty("contactIds[0]", out _).ShouldBeTrue();
        (await suite.Interactions.QueryAsync(db => db.Timeline.CountAsync(e => e.CustomerId == customer && e.Kind == CrmPlatform.Interactions.Timeline.TimelineKind.Interaction))).ShouldBe(0);
    }

    [Fact]
    public async Task Unreadable_json_is_a_400_and_another_content_type_a_415()
    {
        (await _api.SendAsync(HttpMethod.Post, "/api/interactions", "{ \"type\": ")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _api.SendAsync(HttpMethod.Post, "/api/interactions", "type=call", mediaType: "application/x-www-form-urlencoded")).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task The_list_filters_pages_with_a_cursor_and_shows_only_what_the_callers_department_may_see()
    {
        var (customer, _) = await _api.KnownCustomerAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-3);
        for (var i = 0; i < 5; i++)
        {
            await _api.LogAsync(customer, new { occurredAt = start.AddHours(i), type = i % 2 == 0 ? "call" : "visit", channel = i % 2 == 0 ? "phone" : "in_person" });
        }

        var secret = await _api.LogAsync(customer, new { type = "note", direction = (string?)null, subject = "Credit hold", departments = new List<string> { "accounting" } });

        var first = await _api.GetJsonAsync($"/api/interactions?customerId={customer}&limit=2");
        var second = await _api.GetJsonAsync($"/api/interactions?customerId={customer}&limit=2&cursor={first.GetProperty("nextCursor").GetString()}");
        var calls = await _api.GetJsonAsync($"/api/interactions?customerId={customer}&type=call");
        var asMarketing = await _api.GetJsonAsync($"/api/interactions?customerId={customer}", department: "marketing");

        first.GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(secret);
        var paged = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("occurredAt").GetDateTimeOffset()).ToList();
        paged.ShouldBe(paged.OrderByDescending(t => t).ToList());
        paged.Distinct().Count().ShouldBe(4);
        calls.GetProperty("items").GetArrayLength().ShouldBe(3);
        asMarketing.GetProperty("items").GetArrayLength().ShouldBe(5);
        (await _api.SendAsync(HttpMethod.Get, $"/api/interactions/{secret}", department: "marketing")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _api.SendAsync(HttpMethod.Get, $"/api/interactions/{secret}", department: "accounting")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("type=fax", "type")]
    [InlineData("from=yesterday", "from")]
    [InlineData("customerId=abc", "customerId")]
    [InlineData("cursor=abc.def", "cursor")]
    [InlineData("colour=red", "colour")]
    public async Task A_bad_list_parameter_is_a_422_naming_it(string query, string parameter)
    {
        var response = await _api.SendAsync(HttpMethod.Get, $"/api/interactions?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await RelationsClient.ErrorsAsync(response)).TryGetProperty(parameter, out _).ShouldBeTrue();
    }

    private static System.Text.Json.Nodes.JsonObject JsonNode(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
}
