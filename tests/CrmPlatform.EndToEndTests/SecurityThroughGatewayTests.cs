using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.EndToEndTests.Infrastructure;
using CrmPlatform.Tests.Shared;

namespace CrmPlatform.EndToEndTests;

/// <summary>
/// The security contract as a frontend meets it: tokens from the identity service through the gateway,
/// every service checking them, owner-scoped records and per-role fields, and the anonymous reference.
/// </summary>
[Collection(RunningSuiteCollection.Name)]
public sealed class SecurityThroughGatewayTests(RunningSuite suite)
{
    private Uri Gateway => suite.Gateway.BaseAddress!;

    [Fact]
    public async Task A_call_without_a_valid_token_is_a_401_problem()
    {
        using var anonymous = new HttpClient { BaseAddress = Gateway };
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/customers");
        forged.Headers.Authorization = new("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.");

        foreach (var response in new[] { await anonymous.GetAsync("/api/customers"), await anonymous.SendAsync(forged) })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("https://crmplatform.dev/problems/unauthenticated");
        }
    }

    [Fact]
    public async Task A_sales_rep_reaches_only_their_own_customers()
    {
        using var ana = GatewayClient.Create(Gateway, "ana.seller");
        using var bruno = GatewayClient.Create(Gateway, "bruno.seller");
        var created = await ana.PostAsJsonAsync("/api/customers", new { kind = "company", legalName = "Padaria da Ana Ltda", country = "BR", taxId = ValidTaxIds.Cnpj() });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var customer = await created.Content.ReadFromJsonAsync<JsonElement>();
        customer.GetProperty("ownerId").GetString().ShouldBe("ana.seller");
        var path = created.Headers.Location!.OriginalString;

        (await ana.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var probe = await bruno.GetAsync(path);
        probe.StatusCode.ShouldBe(HttpStatusCode.NotFound, "another rep's customer does not exist for them");
        probe.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await bruno.GetAsync($"{path}/timeline")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_department_system_sees_its_fields_and_may_not_call_other_functions()
    {
        using var admin = GatewayClient.Create(Gateway);
        var created = await admin.PostAsJsonAsync("/api/customers", new
        {
            kind = "company", legalName = "Logística Norte Ltda", country = "BR", taxId = ValidTaxIds.Cnpj(),
            addresses = new[] { new { kind = "shipping", line1 = "Rua A, 10", city = "Belém", postalCode = "66000-000", country = "BR" } },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var token = await ClientCredentialsAsync("logistics-system", "logistics-dev-secret");
        using var logistics = new HttpClient { BaseAddress = Gateway };
        logistics.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var seen = await logistics.GetFromJsonAsync<JsonElement>(created.Headers.Location!.OriginalString);

        seen.TryGetProperty("addresses", out _).ShouldBeTrue();
        seen.TryGetProperty("taxId", out _).ShouldBeFalse("logistics does not see fiscal data");
        (await logistics.GetAsync("/api/customers/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_api_reference_and_the_documents_are_anonymous()
    {
        using var anonymous = new HttpClient { BaseAddress = Gateway };

        var docs = await anonymous.GetAsync("/docs/");
        docs.StatusCode.ShouldBe(HttpStatusCode.OK);
        docs.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        foreach (var service in new[] { "customers", "interactions", "service-desk", "analytics" })
        {
            var document = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");
            document.GetProperty("openapi").GetString().ShouldStartWith("3.1");
        }
    }

    private async Task<string> ClientCredentialsAsync(string clientId, string secret)
    {
        using var http = new HttpClient { BaseAddress = Gateway };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "crm-api",
        });
        var response = await http.PostAsync("/connect/token", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue(body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }
}
