namespace CrmPlatform.Customers.Duplicates;

/// <summary>A merged customer id and the survivor that now answers for it.</summary>
public sealed class CustomerAlias
{
    public Guid MergedId { get; init; }
    public Guid SurvivorId { get; set; }
    public DateTimeOffset MergedAt { get; init; }
}
