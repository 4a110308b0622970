using System.Globalization;
using System.Text.Unicode;

namespace CrmPlatform.Bench.Analytics;

/// <summary>
/// Generates the purchases of the plan as CSV lines, customer after customer (as an ERP's export by account would come),
/// on the fly: nothing is written to disk or held in memory. A cursor: each call continues where the last stopped, so the
/// load can be cut into requests of any size and the data stays the same. Each customer draws from a Random seeded by its
/// position, so the data depends only on the seed.
/// </summary>
/// <remarks>
/// Per customer: the purchase times of <see cref="PurchaseHistory"/> (after the registration, never in the future) and a
/// spending level (log-normal). Per purchase: a log-normal amount around the level; a discount on ~30% (a third of those 20% or more); a cost on ~70% (a few at a
/// loss); the customer's local currency for half the foreign customers' purchases, BRL otherwise.
/// </remarks>
internal sealed class PurchaseCsvGenerator(CustomerRoster roster, PurchasePlan plan, int seed)
{
    public const string Header = "purchaseId,customerId,occurredAt,amount,currency,discountAmount,costAmount,itemCount,channel,paymentMethod\n";

    private static readonly string[] _channels = ["web", "store", "phone", "marketplace"];
    private static readonly string[] _payments = ["pix", "card", "boleto", "transfer"];

    // The longest line is about 190 bytes; a flush leaves at least this much room.
    private const int MaxLineBytes = 512;

    private int _customer = -1;
    private int _left;
    private Random _random = new(0);
    private double _level;
    private List<long> _times = [];
    private string _id = "";
    private string _localCurrency = "BRL";

    public long Generated { get; private set; }

    /// <summary>Writes the next <paramref name="rows"/> lines into <paramref name="buffer"/> chunks handed to <paramref name="flush"/>.</summary>
    public async Task WriteAsync(long rows, byte[] buffer, Func<ReadOnlyMemory<byte>, Task> flush)
    {
        var used = 0;
        for (long row = 0; row < rows; row++)
        {
            if (buffer.Length - used < MaxLineBytes)
            {
                await flush(buffer.AsMemory(0, used));
                used = 0;
            }

            used += WriteLine(buffer.AsSpan(used));
        }

        if (used > 0)
        {
            await flush(buffer.AsMemory(0, used));
        }
    }

    private int WriteLine(Span<byte> destination)
    {
        while (_left == 0)
        {
            NextCustomer();
        }

        var purchaseNumber = plan.Counts[_customer] - _left;
        _left--;
        Generated++;
        var random = _random;
        var at = DateTimeOffset.FromUnixTimeSeconds(_times[purchaseNumber]);
        var amount = Math.Round((decimal)Math.Max(1.0, Math.Exp(_level + (0.8 * Sampling.Normal(random)))), 2);
        decimal? discount = null;
        var roll = random.Next(100);
        if (roll < 10)
        {
            discount = Math.Round(amount * (decimal)(0.20 + (0.20 * random.NextDouble())), 2);
        }
        else if (roll < 30)
        {
            discount = Math.Round(amount * (decimal)(0.02 + (0.13 * random.NextDouble())), 2);
        }

        decimal? cost = null;
        if (random.Next(100) < 70)
        {
            var net = amount - (discount ?? 0);
            var ratio = random.Next(100) < 4 ? 1.0 + (0.3 * random.NextDouble()) : 0.45 + (0.5 * random.NextDouble());
            cost = Math.Round(net * (decimal)ratio, 2);
        }

        var currency = _localCurrency != "BRL" && random.Next(2) == 0 ? _localCurrency : "BRL";
        int? items = random.Next(10) < 7 ? 1 + (int)Math.Min(40, Sampling.Gamma(random, 1.5, 2.0)) : null;
        var channel = _channels[random.Next(_channels.Length)];
        var payment = random.Next(10) == 0 ? "" : _payments[random.Next(_payments.Length)];
        if (!Utf8.TryWrite(destination, CultureInfo.InvariantCulture,
                $"NF-{_customer}-{purchaseNumber},{_id},{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{amount},{currency},{discount},{cost},{items},{channel},{payment}\n",
                out var written))
        {
            throw new InvalidOperationException("A generated line did not fit its buffer.");
        }

        return written;
    }

    private void NextCustomer()
    {
        _customer++;
        if (_customer >= roster.Customers.Count)
        {
            throw new InvalidOperationException($"The plan has no more purchases after {Generated:N0}.");
        }

        _left = plan.Counts[_customer];
        if (_left == 0)
        {
            return;
        }

        var customer = roster.Customers[_customer];
        var now = roster.Now.ToUnixTimeSeconds();
        _random = PurchaseHistory.RandomFor(seed, _customer);
        _times = PurchaseHistory.Simulate(customer, _random, now, plan.RateScale);
        PurchaseHistory.FitTo(_times, _left, _random, now);
        _level = Math.Log(120) + (0.6 * Sampling.Normal(_random));
        _id = customer.Id.ToString();
        _localCurrency = customer.Country switch
        {
            "RO" => "RON",
            "PT" or "ES" => "EUR",
            "US" => "USD",
            "AR" => "ARS",
            "MX" => "MXN",
            _ => "BRL",
        };
    }
}
