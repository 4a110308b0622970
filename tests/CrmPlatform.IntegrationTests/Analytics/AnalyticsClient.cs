using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Customers;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.Analytics;

/// <summary>Calls of the analytics service that tests repeat: customers it knows, purchases sent, events read from its outbox.</summary>
public sealed class AnalyticsClient(Suite suite)
{
    public PortfolioClient Portfolio { get; } = new(suite);

    public HttpClient Http { get; } = suite.Analytics.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A customer registered in the customer service, once analytics knows it.</summary>
    public async Task<Guid> KnownCustomerAsync()
    {
        var (id, _, _) = await Portfolio.RegisterAsync();
        var known = await Eventually.GetAsync(() => suite.Analytics.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == id)), k => k);
        known.ShouldBeTrue("analytics never learnt of the customer");
        return id;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) => SendAsync(path, JsonSerializer.Serialize(body), "application/json");

    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string json) => SendAsync(path, json, "application/json", method);

    public async Task<HttpResponseMessage> SendAsync(string path, string content, string mediaType, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = new StringContent(content, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await Http.SendAsync(request);
    }

    public static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue(body.ToString());
        return body;
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await OkJsonAsync(await Http.GetAsync(path));

    /// <summary>The wire type names of analytics' outbox events about the customer, in order.</summary>
    public async Task<List<string>> EventsAsync(Guid customerId)
    {
        var types = await suite.Analytics.QueryAsync(db => db.Set<OutboxMessage>().Where(m => m.CustomerId == customerId)
            .OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync());
        return [.. types.Select(type => type[(type.LastIndexOf(':') + 1)..])];
    }

    public static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response) =>
        (await PortfolioClient.ProblemAsync(response)).GetProperty("errors");
}
