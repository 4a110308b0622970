using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.EndToEndTests.Infrastructure;
using CrmPlatform.Tests.Shared;

namespace CrmPlatform.EndToEndTests;

/// <summary>
/// The portfolio through the gateway of a suite started by the AppHost: what the frontend teams
/// use. The in-process integration tests cover each feature in depth; this proves the headers and
/// answers they rely on (ETag, If-Match, 308, problem details) survive the proxy.
/// </summary>
[Collection(RunningSuiteCollection.Name)]
public sealed class PortfolioThroughGatewayTests(RunningSuite suite)
{
    private readonly HttpClient _gateway = GatewayClient.Create(suite.Gateway.BaseAddress!);

    [Fact]
    public async Task A_customer_is_registered_changed_moved_assessed_and_merged_through_the_gateway()
    {
        var invalid = await PostAsync("/api/customers", $$"""{ "kind": "company", "legalName": "Erro Ltda", "country": "BR", "taxId": "11.222.333/0001-82" }""");
        invalid.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("taxId")[0].GetString()!.ShouldContain("CNPJ");

        var created = await PostAsync("/api/customers", $$"""{ "kind": "company", "legalName": "Mercado São João Ltda", "country": "BR", "taxId": "{{ValidTaxIds.Cnpj()}}" }""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var read = await _gateway.GetAsync($"/api/customers/{id}");
        var etag = read.Headers.ETag!.ToString();
        etag.ShouldBe("\"1\"");

        var patched = await SendAsync(HttpMethod.Patch, $"/api/customers/{id}", """{ "email": "compras@saojoao.com.br" }""", etag, "application/merge-patch+json");
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SendAsync(HttpMethod.Patch, $"/api/customers/{id}", """{ "email": "x@y.com" }""", etag, "application/merge-patch+json"))
            .StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await SendAsync(HttpMethod.Patch, $"/api/customers/{id}", """{ "email": "x@y.com" }""", null, "application/merge-patch+json"))
            .StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        etag = patched.Headers.ETag!.ToString();

        var skip = await SendAsync(HttpMethod.Post, $"/api/customers/{id}/stage", """{ "stage": "customer", "reason": "signed" }""", etag);
        skip.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var moved = await SendAsync(HttpMethod.Post, $"/api/customers/{id}/stage", """{ "stage": "prospect", "reason": "first meeting" }""", etag);
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        etag = moved.Headers.ETag!.ToString();

        (await PostAsync($"/api/customers/{id}/contacts", """{ "name": "Maria", "role": "decision_maker" }""")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var assessed = await PostAsync($"/api/customers/{id}/qualifications", """{ "profileFit": 90, "purchaseCapacity": 80, "paymentCapacity": 80, "retentionWorth": 70 }""");
        (await assessed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetString().ShouldBe("qualified");

        var duplicate = await PostAsync("/api/customers", $$"""{ "kind": "company", "legalName": "Mercado Sao Joao", "country": "BR", "taxId": "{{ValidTaxIds.Cnpj()}}" }""");
        var duplicateId = (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var found = await _gateway.GetFromJsonAsync<JsonElement>("/api/customers?q=mercado%20sao%20joao&limit=50");
        found.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldContain(id);
        var candidates = await _gateway.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/possible-duplicates");
        candidates.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldContain(duplicateId);

        etag = (await _gateway.GetAsync($"/api/customers/{id}")).Headers.ETag!.ToString(); // the assessment made a new version
        var merged = await SendAsync(HttpMethod.Post, $"/api/customers/{id}/merge", $$"""{ "mergedIds": ["{{duplicateId}}"] }""", etag);
        merged.StatusCode.ShouldBe(HttpStatusCode.OK, await merged.Content.ReadAsStringAsync());
        var redirect = await _gateway.GetAsync($"/api/customers/{duplicateId}");
        redirect.StatusCode.ShouldBe(HttpStatusCode.PermanentRedirect);
        redirect.Headers.Location!.ToString().ShouldBe($"/api/customers/{id}");

        var history = await _gateway.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/history");
        history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("operation").GetString()).Distinct()
            .ShouldBe(["merged", "qualified", "contact-added", "stage", "updated", "registered"], ignoreOrder: true); // the merged one's history moved over too
    }

    [Fact]
    public async Task A_csv_import_runs_as_a_job_and_its_customers_export_through_the_gateway()
    {
        var tag = "e2e" + Guid.NewGuid().ToString("N")[..8];
        var csv = $"kind,legalName,country,taxId,tags\ncompany,\"Padaria Pão, Leite e Cia\",BR,{ValidTaxIds.Cnpj()},{tag}\ncompany,Fabrica SRL,RO,{ValidTaxIds.Cui()},{tag}\ncompany,Sem Documento,BR,123,{tag}\n";

        var accepted = await _gateway.PostAsync("/api/customers/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));

        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var job = await Eventually.GetAsync(
            () => _gateway.GetFromJsonAsync<JsonElement>(accepted.Headers.Location!.ToString()),
            j => j.GetProperty("status").GetString() is "completed" or "failed");
        job.GetProperty("status").GetString().ShouldBe("completed");
        job.GetProperty("created").GetInt32().ShouldBe(2);
        job.GetProperty("rejected").GetInt32().ShouldBe(1);
        var export = await _gateway.GetStringAsync($"/api/customers/export?tag={tag}");
        export.ShouldContain("\"Padaria Pão, Leite e Cia\"");
        export.ShouldContain("Fabrica SRL");
        export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3); // header and two customers
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json, null);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string json, string? ifMatch, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _gateway.SendAsync(request);
    }
}
