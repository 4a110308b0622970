using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Customers;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.Interactions;

/// <summary>
/// Calls of the interaction service that tests repeat: a customer (with contacts) registered in the
/// customer service and known here, interactions and commitments logged, events read from the outbox.
/// </summary>
public sealed class RelationsClient(Suite suite)
{
    public PortfolioClient Portfolio { get; } = new(suite);

    public HttpClient Http { get; } = suite.Interactions.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A customer registered in the customer service, with the given contacts (name, role), once this service knows them all.</summary>
    public async Task<(Guid Id, List<Guid> Contacts)> KnownCustomerAsync(params (string Name, string Role)[] contacts)
    {
        var (id, _, _) = await Portfolio.RegisterAsync();
        var contactIds = new List<Guid>();
        foreach (var (name, role) in contacts)
        {
            var added = await Portfolio.SendAsync(HttpMethod.Post, $"/api/customers/{id}/contacts", JsonSerializer.Serialize(new { name, role }), null);
            contactIds.Add((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        await Eventually.GetAsync(
            () => suite.Interactions.QueryAsync(db => db.Contacts.CountAsync(c => c.CustomerId == id)),
            count => count == contacts.Length && contacts.Length > 0 || contacts.Length == 0);
        await Eventually.GetAsync(() => suite.Interactions.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == id)), known => known);
        return (id, contactIds);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body, string? department = null) =>
        SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body), department: department);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? ifMatch = null, string mediaType = "application/json", string? department = null) =>
        ApiRequest.SendAsync(Http, method, path, json, ifMatch, mediaType, "ana.seller", department);

    public async Task<JsonElement> GetJsonAsync(string path, string? department = null)
    {
        var response = await SendAsync(HttpMethod.Get, path, department: department);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue(body.ToString());
        return body;
    }

    public async Task<Guid> LogAsync(Guid customerId, object? extra = null)
    {
        var body = JsonSerializer.SerializeToNode(new
        {
            customerId,
            type = "call",
            direction = "outbound",
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-30),
            subject = "Follow-up on the proposal",
        })!.AsObject();
        foreach (var (name, value) in extra is null ? [] : JsonSerializer.SerializeToNode(extra)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        var response = await SendAsync(HttpMethod.Post, "/api/interactions", body.ToJsonString());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue(created.ToString());
        return created.GetProperty("id").GetGuid();
    }

    /// <summary>The wire type names of this service's outbox events about the customer, in order.</summary>
    public async Task<List<string>> EventsAsync(Guid customerId)
    {
        var types = await suite.Interactions.QueryAsync(db => db.Set<OutboxMessage>().Where(m => m.CustomerId == customerId)
            .OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync());
        return [.. types.Select(type => type[(type.LastIndexOf(':') + 1)..])];
    }

    public static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await PortfolioClient.ProblemAsync(response);
        return problem.GetProperty("errors");
    }
}
