using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.Customers;

/// <summary>Calls of the portfolio API that tests repeat: register, patch with an ETag, read problems and events.</summary>
public sealed class PortfolioClient(Suite suite)
{
    public HttpClient Http { get; } = suite.Customers.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<(Guid Id, string ETag, JsonElement Body)> RegisterAsync(object? extra = null, string country = "BR")
    {
        var document = JsonSerializer.SerializeToNode(new { kind = "company", legalName = "Acme Comércio Ltda", country, taxId = TestData.UniqueTaxId(country) })!.AsObject();
        if (extra is not null)
        {
            foreach (var (name, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                document[name] = value?.DeepClone();
            }
        }

        var response = await Http.PostAsync("/api/customers", new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue(body.ToString());
        return (body.GetProperty("id").GetGuid(), response.Headers.ETag!.ToString(), body);
    }

    public Task<HttpResponseMessage> PatchAsync(string path, string json, string? ifMatch) =>
        SendAsync(HttpMethod.Patch, path, json, ifMatch, "application/merge-patch+json");

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, string? ifMatch, string mediaType = "application/json") =>
        ApiRequest.SendAsync(Http, method, path, json, ifMatch, mediaType, "ana.seller");

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The wire type names (without the URN prefix) of the customer's outbox events, in sequence order.</summary>
    public Task<List<string>> EventsAsync(Guid customerId) =>
        suite.Customers.QueryAsync(db => db.Set<OutboxMessage>().Where(m => m.CustomerId == customerId)
            .OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync())
        .ContinueWith(t => t.Result.Select(type => type[(type.LastIndexOf(':') + 1)..]).ToList(), TaskScheduler.Default);

    public Task<string> LastEventBodyAsync(Guid customerId, string type) =>
        suite.Customers.QueryAsync(db => db.Set<OutboxMessage>().Where(m => m.CustomerId == customerId && m.MessageType.EndsWith(":" + type))
            .OrderByDescending(m => m.Sequence).Select(m => m.Body).FirstAsync());
}
