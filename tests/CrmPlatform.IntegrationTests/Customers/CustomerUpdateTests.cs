using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Infrastructure;

namespace CrmPlatform.IntegrationTests.Customers;

[Collection(SuiteCollection.Name)]
public sealed class CustomerUpdateTests(Suite suite)
{
    private readonly PortfolioClient _api = new(suite);

    [Fact]
    public async Task A_merge_patch_with_the_current_etag_changes_fields_records_history_and_publishes_per_area()
    {
        var (id, etag, _) = await _api.RegisterAsync(new { email = "old@acme.com", tradeName = "Acme", segments = new List<string> { "varejo" } });

        var response = await _api.PatchAsync($"/api/customers/{id}", """
            { "email": "Nova@Acme.com", "tradeName": null, "ownerId": "joao", "segments": ["varejo", "sul"],
              "fiscal": { "taxRegime": "Lucro Real" }, "customAttributes": { "erpCode": "C-77" },
              "addresses": [ { "kind": "shipping", "line1": "Rua B, 2", "city": "Campinas", "country": "BR" } ] }
            """, etag);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("email").GetString().ShouldBe("nova@acme.com");
        body.GetProperty("tradeName").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("customAttributes").GetProperty("erpCode").GetString().ShouldBe("C-77");
        body.GetProperty("version").GetInt64().ShouldBe(2);
        response.Headers.ETag!.ToString().ShouldBe("\"2\"");
        (await _api.EventsAsync(id)).ShouldBe(
            ["CustomerRegistered", "CustomerProfileUpdated", "CustomerAddressChanged", "CustomerFiscalDataChanged", "CustomerSegmentsChanged", "CustomerOwnerChanged"]);
        var updated = JsonDocument.Parse(await _api.LastEventBodyAsync(id, "CustomerProfileUpdated")).RootElement;
        updated.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()).ShouldBe(
            ["addresses", "customAttributes.erpCode", "email", "fiscal.taxRegime", "ownerId", "segments", "tradeName"], ignoreOrder: true);

        var history = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/history");
        var email = history.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("field").GetString() == "email");
        email.GetProperty("oldValue").GetString().ShouldBe("old@acme.com");
        email.GetProperty("newValue").GetString().ShouldBe("nova@acme.com");
        email.GetProperty("changedBy").GetString().ShouldBe("ana.seller");
        history.GetProperty("items").EnumerateArray().Last().GetProperty("operation").GetString().ShouldBe("registered");
    }

    [Fact]
    public async Task A_change_without_if_match_is_428_and_with_a_stale_etag_412_and_neither_writes()
    {
        var (id, etag, _) = await _api.RegisterAsync();
        (await _api.PatchAsync($"/api/customers/{id}", """{ "industry": "retail" }""", etag)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var without = await _api.PatchAsync($"/api/customers/{id}", """{ "industry": "food" }""", null);
        var stale = await _api.PatchAsync($"/api/customers/{id}", """{ "industry": "food" }""", etag);

        without.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        (await PortfolioClient.ProblemAsync(without)).GetProperty("status").GetInt32().ShouldBe(428);
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await PortfolioClient.ProblemAsync(stale)).GetProperty("currentETag").GetString().ShouldBe("\"2\"");
        var current = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/customers/{id}");
        current.GetProperty("industry").GetString().ShouldBe("retail");
        (await _api.EventsAsync(id)).Count(e => e == "CustomerProfileUpdated").ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_patches_with_the_same_etag_let_exactly_one_win()
    {
        var (id, etag, _) = await _api.RegisterAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _api.PatchAsync($"/api/customers/{id}", $$"""{ "industry": "industry {{i}}" }""", etag)));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.PreconditionFailed).ShouldBe(7);
        (await _api.EventsAsync(id)).Count(e => e == "CustomerProfileUpdated").ShouldBe(1);
    }

    [Fact]
    public async Task The_cache_never_serves_an_older_version_after_a_change()
    {
        var (id, etag, _) = await _api.RegisterAsync();
        await _api.Http.GetAsync($"/api/customers/{id}"); // cached at version 1

        for (var i = 0; i < 5; i++)
        {
            var reads = Enumerable.Range(0, 10).Select(_ => _api.Http.GetAsync($"/api/customers/{id}")).ToList();
            var patch = await _api.PatchAsync($"/api/customers/{id}", $$"""{ "industry": "round {{i}}" }""", etag);
            patch.StatusCode.ShouldBe(HttpStatusCode.OK);
            etag = patch.Headers.ETag!.ToString();
            await Task.WhenAll(reads);

            var after = await _api.Http.GetAsync($"/api/customers/{id}");
            after.Headers.ETag!.ToString().ShouldBe(etag);
            (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("industry").GetString().ShouldBe($"round {i}");
        }
    }

    [Fact]
    public async Task A_read_with_the_current_etag_in_if_none_match_is_304()
    {
        var (id, etag, _) = await _api.RegisterAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/customers/{id}");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);

        (await _api.Http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Theory]
    [InlineData("""{ "stage": "customer" }""", "stage")]
    [InlineData("""{ "version": 9 }""", "version")]
    [InlineData("""{ "kind": "person" }""", "kind")]
    [InlineData("""{ "taxId": "11.222.333/0001-82" }""", "taxId")]
    [InlineData("""{ "legalName": null }""", "legalName")]
    [InlineData("""{ "unknown": 1 }""", "unknown")]
    [InlineData("""{ "fiscal": { "address": { "line1": "x" } } }""", "fiscal.address.city")]
    public async Task A_bad_patch_is_a_422_naming_the_field_and_changes_nothing(string patch, string field)
    {
        var (id, etag, _) = await _api.RegisterAsync();

        var response = await _api.PatchAsync($"/api/customers/{id}", patch, etag);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PortfolioClient.ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await _api.Http.GetFromJsonAsync<JsonElement>($"/api/customers/{id}")).GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Changing_the_tax_id_to_one_already_registered_is_a_409()
    {
        var (_, _, other) = await _api.RegisterAsync();
        var (id, etag, _) = await _api.RegisterAsync();

        var response = await _api.PatchAsync($"/api/customers/{id}", $$"""{ "taxId": "{{other.GetProperty("taxId").GetString()}}" }""", etag);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PortfolioClient.ProblemAsync(response)).GetProperty("existingCustomerId").GetGuid().ShouldBe(other.GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/merge-patch+json", HttpStatusCode.BadRequest)]
    public async Task A_body_that_is_not_a_json_object_is_refused(string mediaType, HttpStatusCode expected)
    {
        var (id, etag, _) = await _api.RegisterAsync();

        var response = await _api.SendAsync(HttpMethod.Patch, $"/api/customers/{id}", "[1]", etag, mediaType);

        response.StatusCode.ShouldBe(expected);
        (await PortfolioClient.ProblemAsync(response)).GetProperty("status").GetInt32().ShouldBe((int)expected);
    }
}
