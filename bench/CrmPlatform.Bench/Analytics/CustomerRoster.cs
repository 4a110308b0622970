namespace CrmPlatform.Bench.Analytics;

/// <summary>One generated customer, as analytics would have learnt it from <c>CustomerRegistered</c>.</summary>
internal readonly record struct RosterCustomer(Guid Id, DateTimeOffset AcquiredAt, string Country, string Stage);

/// <summary>
/// The generated customers, kept in memory so the purchase generator can draw dates after each registration and the load
/// can pick existing ids. Deterministic from the seed: the same customers on every run. Registrations spread over the
/// last three years with the business growing (more recent customers), countries and lifecycle stages in a realistic mix.
/// </summary>
internal sealed class CustomerRoster
{
    public static readonly TimeSpan History = TimeSpan.FromDays(3 * 365);

    // Lifecycle stages with their shares (percent): most registered accounts are customers; leads and prospects come next.
    private static readonly (string Stage, int Percent)[] _stages =
        [("customer", 45), ("lead", 18), ("prospect", 12), ("qualified", 10), ("inactive", 10), ("lost", 5)];

    private static readonly (string Country, int Percent)[] _countries =
        [("BR", 60), ("RO", 25), ("PT", 5), ("US", 3), ("AR", 3), ("MX", 2), ("ES", 2)];

    private RosterCustomer[] _customers = [];

    public DateTimeOffset Now { get; private init; }

    public IReadOnlyList<RosterCustomer> Customers => _customers;

    public static CustomerRoster Generate(int count, int seed, DateTimeOffset now)
    {
        var random = new Random(seed);
        var customers = new RosterCustomer[count];
        var start = now - History;
        for (var i = 0; i < count; i++)
        {
            // sqrt of a uniform leans towards 1: registrations grow over time, as a growing business's do. Never in the last hour,
            // so every customer has room for a purchase between registration and now.
            var position = Math.Sqrt(random.NextDouble());
            var acquiredAt = start + ((History - TimeSpan.FromHours(1)) * position);
            acquiredAt = DateTimeOffset.FromUnixTimeMilliseconds(acquiredAt.ToUnixTimeMilliseconds());
            customers[i] = new RosterCustomer(VersionSevenId(acquiredAt, random), acquiredAt, Pick(_countries, random), Pick(_stages, random));
        }

        return new CustomerRoster { _customers = customers, Now = now };
    }

    /// <summary>A version 7 id from the registration time, as the customers service makes them, with seeded random bits.</summary>
    private static Guid VersionSevenId(DateTimeOffset at, Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var milliseconds = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private static string Pick((string Value, int Percent)[] choices, Random random)
    {
        var roll = random.Next(100);
        foreach (var (value, percent) in choices)
        {
            if (roll < percent)
            {
                return value;
            }

            roll -= percent;
        }

        return choices[0].Value;
    }
}
