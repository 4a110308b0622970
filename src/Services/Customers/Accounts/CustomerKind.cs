namespace CrmPlatform.Customers.Accounts;

public enum CustomerKind
{
    Company,
    Person,
}

/// <summary>The one mapping between <see cref="CustomerKind"/> and its name on the wire.</summary>
public static class CustomerKinds
{
    public static string ToWireName(this CustomerKind kind) => kind switch
    {
        CustomerKind.Company => "company",
        CustomerKind.Person => "person",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Explicit names only (any case): Enum.TryParse would also take "1" or "company,person".</summary>
    public static bool TryParse(string value, out CustomerKind kind)
    {
        var name = value.Trim();
        foreach (var candidate in Enum.GetValues<CustomerKind>())
        {
            if (string.Equals(candidate.ToWireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
