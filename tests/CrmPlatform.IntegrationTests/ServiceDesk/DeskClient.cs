using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Customers;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDesk.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.ServiceDesk;

/// <summary>
/// Calls of the service desk that tests repeat. Policies apply per segment, so each test makes its
/// own segment and customers in it: tests share the database and never see each other's policies.
/// </summary>
public sealed class DeskClient(Suite suite, ServiceFactory<ServiceDeskDbContext>? instance = null)
{
    private readonly ServiceFactory<ServiceDeskDbContext> _service = instance ?? suite.ServiceDesk;

    public PortfolioClient Portfolio { get; } = new(suite);

    public HttpClient Http { get; } = (instance ?? suite.ServiceDesk).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public string Segment { get; } = "seg-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A customer of this test's segment, once the service desk knows it (and its contacts).</summary>
    public async Task<(Guid Id, List<Guid> Contacts)> CustomerAsync(int contacts = 0)
    {
        var (id, _, _) = await Portfolio.RegisterAsync(new { segments = new List<string> { Segment } });
        var contactIds = new List<Guid>();
        for (var i = 0; i < contacts; i++)
        {
            var added = await Portfolio.SendAsync(HttpMethod.Post, $"/api/customers/{id}/contacts", $$"""{ "name": "Contact {{i}}", "role": "buyer" }""", null);
            contactIds.Add((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        await Eventually.GetAsync(() => _service.QueryAsync(db => db.Contacts.CountAsync(c => c.CustomerId == id)), n => n == contacts);
        await Eventually.GetAsync(() => _service.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == id)), known => known);
        return (id, contactIds);
    }

    /// <summary>A 24×7 UTC calendar (so business time is wall time) and a policy for this test's segment.</summary>
    public async Task<Guid> PolicyAsync(int firstResponseMinutes = 60, int resolutionMinutes = 240, object? escalation = null)
    {
        var day = new List<object> { new { start = "00:00", end = "24:00" } };
        var calendar = await PostAsync("/api/business-calendars", new
        {
            name = "24x7 " + Segment,
            timeZone = "Etc/UTC",
            hours = new { monday = day, tuesday = day, wednesday = day, thursday = day, friday = day, saturday = day, sunday = day },
        });
        var calendarId = (await OkAsync(calendar)).GetProperty("id").GetGuid();
        var target = new { firstResponseMinutes, resolutionMinutes };
        var policy = await PostAsync("/api/sla-policies", new
        {
            name = "Policy " + Segment,
            calendarId,
            appliesTo = new { segment = Segment },
            targets = new { urgent = target, high = target, normal = target, low = new { firstResponseMinutes = firstResponseMinutes * 2, resolutionMinutes = resolutionMinutes * 2 } },
            escalation,
        });
        return (await OkAsync(policy)).GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> OpenAsync(Guid customerId, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(new { customerId, type = "complaint", channel = "phone", subject = "Late delivery", description = "Order 1234 is a week late." })!.AsObject();
        foreach (var (name, value) in extra is null ? [] : JsonSerializer.SerializeToNode(extra)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        return await OkAsync(await SendAsync(HttpMethod.Post, "/api/tickets", body.ToJsonString()));
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body));

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? ifMatch = null, string mediaType = "application/json") =>
        ApiRequest.SendAsync(Http, method, path, json, ifMatch, mediaType, "sac.agent");

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue(body.ToString());
        return body;
    }

    /// <summary>The wire type names of the service desk's outbox events about the customer, in order.</summary>
    public async Task<List<string>> EventsAsync(Guid customerId)
    {
        var types = await suite.ServiceDesk.QueryAsync(db => db.Set<OutboxMessage>().Where(m => m.CustomerId == customerId)
            .OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync());
        return [.. types.Select(type => type[(type.LastIndexOf(':') + 1)..])];
    }
}
