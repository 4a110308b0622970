using System.Net;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.IntegrationTests.Customers;
using CrmPlatform.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace CrmPlatform.IntegrationTests.Idempotency;

/// <summary>Without Redis a keyed POST is refused (running it unchecked could run it twice); an unkeyed one is not affected.</summary>
[Collection(SuiteCollection.Name)]
public sealed class RedisOutageTests(Suite suite)
{
    [Fact]
    public async Task A_keyed_post_fails_closed_with_a_503_and_an_unkeyed_one_still_registers()
    {
        await using var instance = new ServiceFactory<CustomersDbContext>(services => services.AddSingleton<IConnectionMultiplexer>(_ =>
            // Nothing listens on port 1: every command fails within the timeouts.
            ConnectionMultiplexer.Connect(new ConfigurationOptions
            {
                EndPoints = { "127.0.0.1:1" }, AbortOnConnectFail = false, ConnectTimeout = 500, AsyncTimeout = 1000, SyncTimeout = 1000,
            })));
        var client = instance.CreateClient();
        var (keyedTaxId, plainTaxId) = (TestData.UniqueTaxId(), TestData.UniqueTaxId());

        var keyed = await KeyedRequest.PostAsync(client, "/api/customers", TestData.Company(keyedTaxId), KeyedRequest.NewKey());
        var plain = await KeyedRequest.PostAsync(client, "/api/customers", TestData.Company(plainTaxId), key: null);

        keyed.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await PortfolioClient.ProblemAsync(keyed)).GetProperty("type").GetString().ShouldBe("https://crmplatform.dev/problems/idempotency-unavailable");
        (await suite.Customers.QueryAsync(db => db.Customers.AnyAsync(c => c.TaxId == keyedTaxId))).ShouldBeFalse();
        plain.StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
