using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Customers;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.IntegrationTests.Security;

/// <summary>Property-level authorization: what each role sees of a customer and may set on one.</summary>
[Collection(SuiteCollection.Name)]
public sealed class PropertyAccessTests(Suite suite)
{
    private readonly HttpClient _http = suite.Customers.CreateClient();
    private static readonly string[] _searchSegment = ["matrix-search"];
    private readonly PortfolioClient _portfolio = new(suite);

    [Theory]
    [InlineData(CrmRoles.Accounting, true, true, true)]
    [InlineData(CrmRoles.Logistics, false, true, true)]
    [InlineData(CrmRoles.SupportAgent, false, true, true)]
    [InlineData(CrmRoles.Marketing, false, false, false)]
    [InlineData(CrmRoles.Analyst, false, false, false)]
    [InlineData(CrmRoles.SalesManager, true, true, true)]
    public async Task Each_role_sees_its_fields_of_a_customer(string role, bool fiscal, bool addresses, bool channels)
    {
        var name = "Visibilidade " + new string([.. Guid.NewGuid().ToString("N")[..12].Select(c => (char)('a' + (c % 26)))]); // letters only: digits would read as a tax id
        var (id, _, _) = await _portfolio.RegisterAsync(new
        {
            legalName = name,
            email = "compras@example.com",
            addresses = new[] { new { kind = "shipping", line1 = "Rua B, 20", city = "Recife", country = "BR" } },
        });

        var read = await ReadAsync($"/api/customers/{id}", role);
        var listed = (await ReadAsync($"/api/customers?q={Uri.EscapeDataString(name)}", role)).GetProperty("items").EnumerateArray().ToList();

        read.GetProperty("legalName").GetString().ShouldBe(name);
        listed.ShouldHaveSingleItem();
        read.TryGetProperty("taxId", out _).ShouldBe(fiscal);
        read.TryGetProperty("fiscal", out _).ShouldBe(fiscal);
        read.TryGetProperty("creditLimit", out _).ShouldBe(fiscal);
        read.TryGetProperty("addresses", out _).ShouldBe(addresses);
        read.TryGetProperty("email", out _).ShouldBe(channels);
        foreach (var item in listed)
        {
            item.TryGetProperty("taxId", out _).ShouldBe(fiscal);
            item.TryGetProperty("email", out _).ShouldBe(channels);
        }
    }

    [Theory]
    [InlineData(CrmRoles.Marketing, "12.345.678/0001-90")]
    [InlineData(CrmRoles.Analyst, "compras@example.com")]
    [InlineData(CrmRoles.Logistics, "4567")]
    public async Task A_role_that_does_not_see_a_field_may_not_search_by_it(string role, string q)
    {
        var response = await SendAsync(HttpMethod.Get, $"/api/customers?q={Uri.EscapeDataString(q)}", null, role);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PortfolioClient.ProblemAsync(response)).GetProperty("errors").TryGetProperty("q", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_sales_rep_lists_only_their_own_customers_whatever_owner_they_ask_for()
    {
        var mine = (await _portfolio.RegisterAsync(new { ownerId = "rita.seller", segments = _searchSegment })).Id;
        var theirs = (await _portfolio.RegisterAsync(new { ownerId = "rui.seller", segments = _searchSegment })).Id;

        var asked = await ReadAsync("/api/customers?segment=matrix-search&owner=rui.seller&limit=200", CrmRoles.SalesRep, "rita.seller");
        var ids = asked.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

        ids.ShouldContain(mine);
        ids.ShouldNotContain(theirs);
    }

    [Fact]
    public async Task A_sales_reps_new_customer_is_theirs_and_they_may_not_set_the_owner_or_terms()
    {
        var created = await SendAsync(HttpMethod.Post, "/api/customers", JsonSerializer.Serialize(TestData.Company(TestData.UniqueTaxId())), CrmRoles.SalesRep, "rita.seller");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ownerId").GetString().ShouldBe("rita.seller");

        var body = JsonSerializer.SerializeToNode(TestData.Company(TestData.UniqueTaxId()))!.AsObject();
        body["ownerId"] = "someone.else";
        body["creditLimit"] = 100000;
        var refused = await SendAsync(HttpMethod.Post, "/api/customers", body.ToJsonString(), CrmRoles.SalesRep, "rita.seller");

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var errors = (await PortfolioClient.ProblemAsync(refused)).GetProperty("errors");
        errors.TryGetProperty("ownerId", out _).ShouldBeTrue();
        errors.TryGetProperty("creditLimit", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Logistics_changes_addresses_only_and_accounting_fiscal_data_only()
    {
        var (id, etag, _) = await _portfolio.RegisterAsync();
        var addresses = """{ "addresses": [ { "kind": "shipping", "line1": "Rua C, 30", "city": "Natal", "country": "BR" } ] }""";

        var name = await SendAsync(HttpMethod.Patch, $"/api/customers/{id}", """{ "legalName": "Outro Nome" }""", CrmRoles.Logistics, ifMatch: etag);
        var moved = await SendAsync(HttpMethod.Patch, $"/api/customers/{id}", addresses, CrmRoles.Logistics, ifMatch: etag);
        var terms = await SendAsync(HttpMethod.Patch, $"/api/customers/{id}", """{ "paymentTermsDays": 45 }""", CrmRoles.Accounting, ifMatch: moved.Headers.ETag!.Tag);
        var owner = await SendAsync(HttpMethod.Patch, $"/api/customers/{id}", """{ "ownerId": "x" }""", CrmRoles.Accounting, ifMatch: terms.Headers.ETag!.Tag);

        name.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PortfolioClient.ProblemAsync(name)).GetProperty("errors").TryGetProperty("legalName", out _).ShouldBeTrue();
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        terms.StatusCode.ShouldBe(HttpStatusCode.OK, await terms.Content.ReadAsStringAsync());
        owner.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Marketing_sees_only_contacts_who_consented()
    {
        var (id, _, _) = await _portfolio.RegisterAsync();
        var consented = await IdAsync(await _http.PostAsJsonAsync($"/api/customers/{id}/contacts", new { name = "Sim Consente", role = "buyer", email = "sim@example.com", marketingEmailConsent = true }));
        var refused = await IdAsync(await _http.PostAsJsonAsync($"/api/customers/{id}/contacts", new { name = "Não Consente", role = "buyer", email = "nao@example.com", marketingEmailConsent = false }));

        var seen = (await ReadAsync($"/api/customers/{id}/contacts", CrmRoles.Marketing)).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        var bySales = (await ReadAsync($"/api/customers/{id}/contacts", CrmRoles.SalesManager)).EnumerateArray().Count();

        seen.ShouldBe([consented]);
        bySales.ShouldBe(2);
        (await SendAsync(HttpMethod.Get, $"/api/customers/{id}/contacts/{refused}", null, CrmRoles.Marketing)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<JsonElement> ReadAsync(string path, string role, string? user = null)
    {
        var response = await SendAsync(HttpMethod.Get, path, null, role, user);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        return body;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, string role, string? user = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        request.Authorize(TestTokens.For(user ?? "props." + role, role));
        var response = await _http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue(body.ToString());
        return body.GetProperty("id").GetGuid();
    }
}
