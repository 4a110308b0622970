using System.Text.Json;
using StackExchange.Redis;

namespace CrmPlatform.Customers.Accounts;

/// <summary>
/// Cache-aside for single-customer reads. The cache is an optimisation only: when Redis is away the
/// read goes to the database, and an entry expires on its own even if an invalidation was missed.
/// </summary>
public sealed class CustomerCache(IConnectionMultiplexer redis, ILogger<CustomerCache> logger)
{
    private static readonly TimeSpan _timeToLive = TimeSpan.FromMinutes(10);
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public static string KeyFor(Guid customerId) => $"customers:v1:{customerId:N}";

    public async Task<CustomerResponse?> GetAsync(Guid customerId)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(KeyFor(customerId));
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<CustomerResponse>(value.ToString(), _json);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Customer cache read failed; reading from the database");
            return null;
        }
    }

    public async Task SetAsync(CustomerResponse customer)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(KeyFor(customer.Id), JsonSerializer.Serialize(customer, _json), _timeToLive);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Customer cache write failed");
        }
    }
}
