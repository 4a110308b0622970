namespace CrmPlatform.Customers.Search;

/// <summary>How a search reads its page (see CustomerSearchSql).</summary>
public enum SearchStrategy
{
    /// <summary>No text: the planner's plan, which the filters' indexes and statistics make good.</summary>
    Planner,

    /// <summary>A rare term: its matches through the trigram index, sorted.</summary>
    MatchesFirst,

    /// <summary>Any other term (or no statistics yet): a window of the sort index, then the matches after it if needed.</summary>
    WindowFirst,
}
