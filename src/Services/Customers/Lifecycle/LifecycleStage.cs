namespace CrmPlatform.Customers.Lifecycle;

public enum LifecycleStage
{
    Lead,
    Prospect,
    Qualified,
    Customer,
    Inactive,
    Lost,
}

/// <summary>
/// The stages a customer moves through and the moves allowed. Anything else is a 409: a customer
/// cannot skip qualification to become a customer, and a lost one starts again as a lead.
/// </summary>
public static class LifecycleStages
{
    private static readonly Dictionary<LifecycleStage, LifecycleStage[]> _allowed = new()
    {
        [LifecycleStage.Lead] = [LifecycleStage.Prospect, LifecycleStage.Lost],
        [LifecycleStage.Prospect] = [LifecycleStage.Qualified, LifecycleStage.Lost],
        // Back to prospect: the qualification did not hold (nurture again).
        [LifecycleStage.Qualified] = [LifecycleStage.Customer, LifecycleStage.Prospect, LifecycleStage.Lost],
        [LifecycleStage.Customer] = [LifecycleStage.Inactive, LifecycleStage.Lost],
        // An inactive customer who buys again is reactivated.
        [LifecycleStage.Inactive] = [LifecycleStage.Customer, LifecycleStage.Lost],
        // Win-back starts over from the top of the funnel.
        [LifecycleStage.Lost] = [LifecycleStage.Lead],
    };

    public static IReadOnlyList<LifecycleStage> AllowedFrom(LifecycleStage stage) => _allowed[stage];

    public static bool CanMove(LifecycleStage from, LifecycleStage to) => _allowed[from].Contains(to);

    public static string ToWireName(this LifecycleStage stage) => stage.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out LifecycleStage stage)
    {
        foreach (var candidate in Enum.GetValues<LifecycleStage>())
        {
            if (string.Equals(candidate.ToWireName(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                stage = candidate;
                return true;
            }
        }

        stage = default;
        return false;
    }
}
