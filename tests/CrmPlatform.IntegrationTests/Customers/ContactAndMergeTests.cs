using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.Customers;

[Collection(SuiteCollection.Name)]
public sealed class ContactAndMergeTests(Suite suite)
{
    private readonly PortfolioClient _api = new(suite);

    [Fact]
    public async Task Contacts_are_added_changed_with_their_etag_and_removed_with_events_and_history()
    {
        var (id, _, _) = await _api.RegisterAsync();

        var added = await _api.SendAsync(HttpMethod.Post, $"/api/customers/{id}/contacts",
            """{ "name": "Maria Souza", "role": "decision_maker", "email": "Maria@Acme.com", "preferredChannel": "whatsapp", "marketingEmailConsent": true }""", null);
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var contact = await added.Content.ReadFromJsonAsync<JsonElement>();
        var path = added.Headers.Location!.ToString();
        contact.GetProperty("email").GetString().ShouldBe("maria@acme.com");

        (await _api.PatchAsync(path, """{ "position": "CFO" }""", null)).StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        var changed = await _api.PatchAsync(path, """{ "position": "CFO", "marketingEmailConsent": false }""", added.Headers.ETag!.ToString());
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("position").GetString().ShouldBe("CFO");
        var removed = await _api.SendAsync(HttpMethod.Delete, path, null, changed.Headers.ETag!.ToString());

        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _api.Http.GetFromJsonAsync<JsonElement[]>($"/api/customers/{id}/contacts"))!.ShouldBeEmpty();
        (await _api.EventsAsync(id)).ShouldBe(["CustomerRegistered", "ContactAdded", "ContactUpdated", "ContactRemoved"]);
        var updated = JsonDocument.Parse(await _api.LastEventBodyAsync(id, "ContactUpdated")).RootElement;
        updated.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()).ShouldBe(["position", "marketingEmailConsent"], ignoreOrder: true);
        var history = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/customers/{id}/history");
        history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("operation").GetString())
            .ShouldBe(["contact-removed", "contact-updated", "contact-updated", "contact-added", "registered"]);
    }

    [Theory]
    [InlineData("""{ "role": "boss", "name": "X" }""", "role")]
    [InlineData("""{ "role": "buyer" }""", "name")]
    [InlineData("""{ "role": "buyer", "name": "X", "email": "x" }""", "email")]
    [InlineData("""{ "role": "buyer", "name": "X", "preferredChannel": "fax" }""", "preferredChannel")]
    [InlineData("""{ "role": "buyer", "name": "X", "phoneConsent": "yes" }""", "phoneConsent")]
    public async Task A_bad_contact_is_a_422_naming_the_field(string body, string field)
    {
        var (id, _, _) = await _api.RegisterAsync();

        var response = await _api.SendAsync(HttpMethod.Post, $"/api/customers/{id}/contacts", body, null);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PortfolioClient.ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Merging_moves_contacts_and_addresses_redirects_the_merged_id_and_publishes_CustomerMerged()
    {
        var (survivor, etag, _) = await _api.RegisterAsync(new { segments = new List<string> { "varejo" } });
        var (merged, _, _) = await _api.RegisterAsync(new
        {
            email = "compras@acme.com",
            segments = new List<string> { "sul" },
            addresses = new List<object> { new { kind = "billing", line1 = "Rua C, 3", city = "Curitiba", country = "BR" } },
        });
        await _api.SendAsync(HttpMethod.Post, $"/api/customers/{merged}/contacts", """{ "name": "João", "role": "buyer" }""", null);

        var response = await _api.SendAsync(HttpMethod.Post, $"/api/customers/{survivor}/merge", $$"""{ "mergedIds": ["{{merged}}"] }""", etag);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("email").GetString().ShouldBe("compras@acme.com");
        result.GetProperty("segments").EnumerateArray().Select(s => s.GetString()).ShouldBe(["varejo", "sul"]);
        result.GetProperty("addresses")[0].GetProperty("city").GetString().ShouldBe("Curitiba");
        var contacts = await _api.Http.GetFromJsonAsync<JsonElement[]>($"/api/customers/{survivor}/contacts");
        contacts!.Single().GetProperty("name").GetString().ShouldBe("João");

        var oldRead = await _api.Http.GetAsync($"/api/customers/{merged}");
        oldRead.StatusCode.ShouldBe(HttpStatusCode.PermanentRedirect);
        oldRead.Headers.Location!.ToString().ShouldBe($"/api/customers/{survivor}");
        (await _api.Http.GetAsync($"/api/customers/{merged}/contacts")).Headers.Location!.ToString().ShouldBe($"/api/customers/{survivor}/contacts");
        (await _api.Http.GetAsync($"/api/customers/{merged}/possible-duplicates")).Headers.Location!.ToString().ShouldBe($"/api/customers/{survivor}/possible-duplicates");
        var mergedEvent = JsonDocument.Parse(await _api.LastEventBodyAsync(survivor, "CustomerMerged")).RootElement;
        mergedEvent.GetProperty("survivorId").GetGuid().ShouldBe(survivor);
        mergedEvent.GetProperty("mergedIds").EnumerateArray().Select(m => m.GetGuid()).ShouldBe([merged]);
        (await suite.Customers.QueryAsync(db => db.Customers.AnyAsync(c => c.Id == merged))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_merge_naming_itself_an_unknown_id_or_without_if_match_writes_nothing()
    {
        var (survivor, etag, _) = await _api.RegisterAsync();
        var (other, _, _) = await _api.RegisterAsync();

        var itself = await _api.SendAsync(HttpMethod.Post, $"/api/customers/{survivor}/merge", $$"""{ "mergedIds": ["{{survivor}}"] }""", etag);
        var unknown = await _api.SendAsync(HttpMethod.Post, $"/api/customers/{survivor}/merge", $$"""{ "mergedIds": ["{{other}}", "{{Guid.NewGuid()}}"] }""", etag);
        var noMatch = await _api.SendAsync(HttpMethod.Post, $"/api/customers/{survivor}/merge", $$"""{ "mergedIds": ["{{other}}"] }""", null);

        itself.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PortfolioClient.ProblemAsync(unknown)).GetProperty("errors").TryGetProperty("mergedIds[1]", out _).ShouldBeTrue();
        noMatch.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        (await _api.Http.GetAsync($"/api/customers/{other}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
