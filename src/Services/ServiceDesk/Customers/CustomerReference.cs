using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.ServiceDesk.Customers;

/// <summary>
/// The service desk's own record of a customer, kept from customer events: a ticket is opened only
/// for a customer it knows, and (later) the SLA policy is chosen from the customer's segment.
/// </summary>
public sealed class CustomerReference
{
    public Guid Id { get; init; }
    public required string LegalName { get; set; }
    public required string Country { get; set; }
}

internal sealed class CustomerReferenceConfiguration : IEntityTypeConfiguration<CustomerReference>
{
    public void Configure(EntityTypeBuilder<CustomerReference> customer)
    {
        customer.ToTable("customers");
        customer.Property(c => c.Id).ValueGeneratedNever();
        customer.Property(c => c.LegalName).HasMaxLength(200);
        customer.Property(c => c.Country).HasMaxLength(2).IsFixedLength();
    }
}
