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
}

internal sealed class CustomerReferenceConfiguration : IEntityTypeConfiguration<CustomerReference>
{
    public void Configure(EntityTypeBuilder<CustomerReference> customer)
    {
        customer.ToTable("customers");
        customer.Property(c => c.Id).ValueGeneratedNever();
        customer.Property(c => c.Country).HasMaxLength(2).IsFixedLength();
    }
}
