using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace CrmPlatform.IntegrationTests.Customers;

[Collection(SuiteCollection.Name)]
public sealed class CustomerApiTests(Suite suite)
{
    private readonly HttpClient _client = suite.Customers.CreateClient();

    [Fact]
    public async Task Registering_a_customer_answers_201_with_its_location_and_canonical_values()
    {
        var taxId = TestData.UniqueTaxId();

        var response = await _client.PostAsJsonAsync("/api/customers", new
        {
            kind = "Company", legalName = " Acme Comércio Ltda ", country = "br", taxId = $" {taxId[..4]}.{taxId[4..]} ",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var customer = (await response.Content.ReadFromJsonAsync<CustomerResponse>())!;
        response.Headers.Location!.ToString().ShouldBe($"/api/customers/{customer.Id}");
        customer.Kind.ShouldBe("company");
        customer.LegalName.ShouldBe("Acme Comércio Ltda");
        customer.Country.ShouldBe("BR");
        customer.TaxId.ShouldBe(taxId);
        var stored = await suite.Customers.QueryAsync(db => db.Customers.SingleAsync(c => c.Id == customer.Id));
        stored.TaxId.ShouldBe(taxId);
    }

    [Fact]
    public async Task Registering_a_registered_tax_id_again_is_a_409_naming_the_existing_customer()
    {
        var taxId = TestData.UniqueTaxId();
        var first = await _client.PostAsJsonAsync("/api/customers", TestData.Company(taxId));
        var existing = (await first.Content.ReadFromJsonAsync<CustomerResponse>())!;

        var again = await _client.PostAsJsonAsync("/api/customers", TestData.Company(taxId.ToLowerInvariant().Insert(3, "-")));

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await ProblemAsync(again);
        problem.GetProperty("type").GetString().ShouldEndWith("/duplicate-tax-id");
        problem.GetProperty("existingCustomerId").GetGuid().ShouldBe(existing.Id);
        (await suite.Customers.QueryAsync(db => db.Customers.CountAsync(c => c.TaxId == taxId))).ShouldBe(1);
    }

    [Fact]
    public async Task An_invalid_body_is_a_422_naming_each_field_and_stores_nothing()
    {
        var taxId = TestData.UniqueTaxId();

        var response = await _client.PostAsJsonAsync("/api/customers", new { kind = "partnership", legalName = "", country = "XX", taxId });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await ProblemAsync(response);
        problem.GetProperty("status").GetInt32().ShouldBe(422);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["kind", "legalName", "country"], ignoreOrder: true);
        (await suite.Customers.QueryAsync(db => db.Customers.AnyAsync(c => c.TaxId == taxId))).ShouldBeFalse();
    }

    [Theory]
    [InlineData("{\"kind\":")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    public async Task A_malformed_body_is_a_400_problem(string body)
    {
        var response = await _client.PostAsync("/api/customers", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(response)).GetProperty("status").GetInt32().ShouldBe(400);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_a_422_naming_it()
    {
        var response = await _client.PostAsync("/api/customers", new StringContent("{\"kind\": 5, \"legalName\": \"Acme\"}", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ProblemAsync(response)).GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldContain("string");
    }

    [Theory]
    [InlineData("/api/customers/0196d0a1-0000-7000-8000-000000000000")]
    [InlineData("/api/customers/not-a-guid")]
    public async Task An_unknown_customer_is_a_404_problem(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(response)).GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task A_customer_read_is_served_and_cached_in_redis()
    {
        var created = await _client.PostAsJsonAsync("/api/customers", TestData.Company(TestData.UniqueTaxId("RO"), "RO"));
        var customer = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = customer.GetProperty("id").GetGuid();

        var read = await _client.GetStringAsync($"/api/customers/{id}");

        read.ShouldBe(customer.GetRawText());
        await using var redis = await ConnectionMultiplexer.ConnectAsync(suite.ConnectionString(ResourceNames.Redis));
        (await redis.GetDatabase().HashGetAsync(CustomerCache.KeyFor(id), "b")).ToString().ShouldBe(read);
        (await _client.GetStringAsync($"/api/customers/{id}")).ShouldBe(read);
    }

    [Fact]
    public async Task Every_answer_carries_a_correlation_id_and_keeps_the_callers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/customers/not-a-guid");
        request.Headers.Add("X-Correlation-Id", "crm-test-42");

        var response = await _client.SendAsync(request);

        response.Headers.GetValues("X-Correlation-Id").ShouldBe(["crm-test-42"]);
        (await ProblemAsync(response)).GetProperty("correlationId").GetString().ShouldBe("crm-test-42");
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
