using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.IntegrationTests.Customers;
using CrmPlatform.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace CrmPlatform.IntegrationTests.Idempotency;

/// <summary>Idempotency-Key on POST /api/customers, on real Redis: a lost answer can be fetched again without a second customer.</summary>
[Collection(SuiteCollection.Name)]
public sealed class CustomerIdempotencyTests(Suite suite)
{
    private readonly HttpClient _client = suite.Customers.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_repeat_with_the_same_key_and_body_replays_the_first_answer_and_registers_once()
    {
        var (key, taxId) = (KeyedRequest.NewKey(), TestData.UniqueTaxId());

        var first = await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(taxId), key);
        var again = await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(taxId), key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        KeyedRequest.IsReplay(first).ShouldBeFalse();
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        KeyedRequest.IsReplay(again).ShouldBeTrue();
        again.Headers.Location.ShouldBe(first.Headers.Location);
        again.Headers.ETag.ShouldBe(first.Headers.ETag);
        again.Content.Headers.ContentType.ShouldBe(first.Content.Headers.ContentType);
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await suite.Customers.QueryAsync(db => db.Customers.CountAsync(c => c.TaxId == taxId))).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_naming_the_key()
    {
        var key = KeyedRequest.NewKey();
        (await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(TestData.UniqueTaxId()), key)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var otherTaxId = TestData.UniqueTaxId();

        var reused = await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(otherTaxId), key);

        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await PortfolioClient.ProblemAsync(reused);
        problem.GetProperty("type").GetString().ShouldBe("https://crmplatform.dev/problems/idempotency-key-reused");
        problem.GetProperty("idempotencyKey").GetString().ShouldBe(key);
        problem.GetProperty("detail").GetString()!.ShouldContain(key);
        (await suite.Customers.QueryAsync(db => db.Customers.AnyAsync(c => c.TaxId == otherTaxId))).ShouldBeFalse();
    }

    [Fact]
    public async Task Concurrent_duplicates_register_once_and_the_others_replay_or_are_told_to_retry()
    {
        var (key, taxId) = (KeyedRequest.NewKey(), TestData.UniqueTaxId());

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(taxId), key)));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        created.Count(r => !KeyedRequest.IsReplay(r)).ShouldBe(1);
        created.Select(r => r.Headers.Location).Distinct().ShouldHaveSingleItem();
        foreach (var waiting in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            waiting.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await PortfolioClient.ProblemAsync(waiting)).GetProperty("type").GetString().ShouldEndWith("/idempotency-key-in-progress");
            waiting.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        }

        (await suite.Customers.QueryAsync(db => db.Customers.CountAsync(c => c.TaxId == taxId))).ShouldBe(1);
        var late = await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(taxId), key);
        late.StatusCode.ShouldBe(HttpStatusCode.Created);
        late.Headers.Location.ShouldBe(created[0].Headers.Location);
    }

    [Fact]
    public async Task The_same_key_from_another_caller_is_independent()
    {
        var key = KeyedRequest.NewKey();
        var (mine, theirs) = (TestData.UniqueTaxId(), TestData.UniqueTaxId());

        var first = await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(mine), key, caller: "idem.first");
        var second = await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(theirs), key, caller: "idem.second");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        KeyedRequest.IsReplay(second).ShouldBeFalse();
        second.Headers.Location.ShouldNotBe(first.Headers.Location);
    }

    [Fact]
    public async Task A_validation_answer_is_kept_and_replayed()
    {
        var key = KeyedRequest.NewKey();
        var invalid = new { kind = "partnership", legalName = "", country = "XX", taxId = TestData.UniqueTaxId() };

        var first = await KeyedRequest.PostAsync(_client, "/api/customers", invalid, key);
        var again = await KeyedRequest.PostAsync(_client, "/api/customers", invalid, key);

        first.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        KeyedRequest.IsReplay(again).ShouldBeTrue();
        again.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_conflict_is_not_kept_so_the_key_can_be_retried()
    {
        var taxId = TestData.UniqueTaxId();
        (await _client.PostAsJsonAsync("/api/customers", TestData.Company(taxId))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = KeyedRequest.NewKey();

        var first = await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(taxId), key);
        var again = await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(taxId), key);

        first.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        KeyedRequest.IsReplay(again).ShouldBeFalse();
        (await PortfolioClient.ProblemAsync(again)).GetProperty("type").GetString().ShouldEndWith("/duplicate-tax-id");
    }

    [Fact]
    public async Task A_kept_answer_lives_in_redis_for_24_hours()
    {
        var key = KeyedRequest.NewKey();
        (await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(TestData.UniqueTaxId()), key)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(suite.ConnectionString(ResourceNames.Redis));
        var stored = await KeyedRequest.StoredKeyAsync(redis, key);
        var ttl = (await redis.GetDatabase().KeyTimeToLiveAsync(stored)).ShouldNotBeNull();

        ttl.ShouldBeLessThanOrEqualTo(TimeSpan.FromHours(24));
        ttl.ShouldBeGreaterThan(TimeSpan.FromHours(23));
        stored.ToString().ShouldStartWith("idempotency:CrmPlatform.Customers:");
    }

    // An empty value is not sent by HttpClient at all; the unit tests cover it.
    [Theory]
    [InlineData("two words")]
    [InlineData("chave-ç")]
    public async Task An_invalid_key_is_a_400_and_nothing_is_registered(string key)
    {
        var taxId = TestData.UniqueTaxId();

        var response = await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(taxId), key);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PortfolioClient.ProblemAsync(response)).GetProperty("type").GetString().ShouldBe("https://crmplatform.dev/problems/idempotency-key-invalid");
        (await suite.Customers.QueryAsync(db => db.Customers.AnyAsync(c => c.TaxId == taxId))).ShouldBeFalse();
    }

    [Fact]
    public async Task An_oversize_key_is_a_400() =>
        (await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(TestData.UniqueTaxId()), new string('k', 256)))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_post_without_the_header_behaves_as_before()
    {
        var taxId = TestData.UniqueTaxId();

        var first = await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(taxId), key: null);
        var again = await KeyedRequest.PostAsync(_client, "/api/customers", TestData.Company(taxId), key: null);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        KeyedRequest.IsReplay(first).ShouldBeFalse();
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        KeyedRequest.IsReplay(again).ShouldBeFalse();
    }

    [Fact]
    public async Task The_openapi_document_offers_the_header_and_its_answers_on_posts_only()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var customers = document.GetProperty("paths").GetProperty("/api/customers");

        var post = customers.GetProperty("post");
        post.GetProperty("parameters").EnumerateArray().ShouldContain(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
        post.GetProperty("responses").TryGetProperty("409", out _).ShouldBeTrue();
        post.GetProperty("responses").TryGetProperty("422", out _).ShouldBeTrue();
        var get = customers.GetProperty("get");
        (get.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key")).ShouldBeFalse();
    }
}
