using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.IntegrationTests.Security;

/// <summary>
/// Every service validates the token itself: issuer, audience, lifetime and signature. Only health
/// probes and the OpenAPI document answer without one.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class TokenValidationTests(Suite suite)
{
    public static TheoryData<string> Refused => new()
    {
        "none",
        "garbage",
        "expired",
        "not-yet-valid",
        "other-audience",
        "other-issuer",
        "foreign-signature",
        "unsigned",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_request_without_a_valid_token_is_a_401_problem_in_every_service(string token)
    {
        foreach (var (service, path) in Services())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (TokenFor(token) is { } value)
            {
                request.Headers.Authorization = TestTokens.Bearer(value);
            }

            var response = await service.SendAsync(request);

            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{path} with {token}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldBe("https://crmplatform.dev/problems/unauthenticated");
            response.Headers.WwwAuthenticate.ShouldContain(h => h.Scheme == "Bearer");
        }
    }

    [Fact]
    public async Task Health_and_the_api_document_need_no_token()
    {
        using var anonymous = suite.Customers.CreateDefaultClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        (await anonymous.GetAsync("/alive")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        document.GetProperty("openapi").GetString().ShouldStartWith("3.1");
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
        var merge = document.GetProperty("paths").GetProperty("/api/customers/{id}/merge").GetProperty("post");
        merge.GetProperty("security")[0].TryGetProperty("Bearer", out _).ShouldBeTrue();
        merge.GetProperty("description").GetString()!.ShouldContain("Roles: admin, sales-manager.");
        merge.GetProperty("responses").TryGetProperty("403", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_department_system_calls_with_a_client_credentials_token_and_is_the_actor()
    {
        using var client = suite.Customers.CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.Bearer(TestTokens.ForClient("accounting-system", CrmRoles.Accounting));
        var (id, _, _) = await new Customers.PortfolioClient(suite).RegisterAsync();

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/customers/{id}");
        var refused = await client.PostAsJsonAsync("/api/customers", TestData.Company(TestData.UniqueTaxId()));

        read.GetProperty("taxId").GetString().ShouldNotBeNullOrEmpty();
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private IEnumerable<(HttpClient Client, string Path)> Services()
    {
        yield return (Anonymous(suite.Customers.CreateDefaultClient()), "/api/customers");
        yield return (Anonymous(suite.Interactions.CreateDefaultClient()), "/api/interactions");
        yield return (Anonymous(suite.ServiceDesk.CreateDefaultClient()), "/api/tickets");
        yield return (Anonymous(suite.Analytics.CreateDefaultClient()), "/api/analytics/summary");
    }

    private static HttpClient Anonymous(HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    private static string? TokenFor(string kind)
    {
        var claims = new Dictionary<string, object> { [CrmClaims.Subject] = "token.tester", [CrmClaims.Role] = new[] { CrmRoles.Admin } };
        return kind switch
        {
            "none" => null,
            "garbage" => "not-a-token",
            "expired" => TestTokens.Create(claims, TestTokens.Issuer, CrmClaims.Audience, TimeSpan.FromMinutes(5), DateTime.UtcNow.AddHours(-2)),
            "not-yet-valid" => TestTokens.Create(claims, TestTokens.Issuer, CrmClaims.Audience, TimeSpan.FromHours(1), DateTime.UtcNow.AddHours(1)),
            "other-audience" => TestTokens.Create(claims, TestTokens.Issuer, "another-api", TimeSpan.FromHours(1)),
            "other-issuer" => TestTokens.Create(claims, "https://evil.example/", CrmClaims.Audience, TimeSpan.FromHours(1)),
            "foreign-signature" => TestTokens.ForeignSigned("token.tester", CrmRoles.Admin),
            "unsigned" => "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
                $$"""{"sub":"token.tester","role":"admin","aud":"crm-api","iss":"{{TestTokens.Issuer}}","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
