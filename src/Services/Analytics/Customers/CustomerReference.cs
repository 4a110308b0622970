using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Analytics.Customers;

/// <summary>
/// Analytics' own record of a customer, kept from customer events. The registration time is the
/// acquisition date that cohorts and acquisition cost are measured from.
/// </summary>
public sealed class CustomerReference
{
    public Guid Id { get; init; }
    public required string Country { get; init; }
    public DateTimeOffset AcquiredAt { get; init; }

    /// <summary>The customer this one was merged into (<c>CustomerMerged</c>): its purchases now count there.</summary>
    public Guid? MergedInto { get; set; }

    /// <summary>Lifecycle stage (<c>lead</c>, <c>prospect</c>, <c>qualified</c>, <c>customer</c>, <c>inactive</c>, <c>lost</c>), for revenue by stage.</summary>
    public string Stage { get; set; } = "lead";
}

internal sealed class CustomerReferenceConfiguration : IEntityTypeConfiguration<CustomerReference>
{
    public void Configure(EntityTypeBuilder<CustomerReference> customer)
    {
        customer.ToTable("customers");
        customer.Property(c => c.Id).ValueGeneratedNever();
        customer.Property(c => c.Country).HasMaxLength(2).IsFixedLength();
        customer.Property(c => c.Stage).HasMaxLength(20).HasDefaultValue("lead");
    }
}
