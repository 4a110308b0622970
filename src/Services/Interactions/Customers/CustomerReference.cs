using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Interactions.Customers;

/// <summary>
/// This service's own record of a customer, kept from customer events: interactions are logged only
/// for customers it knows, and the timeline shows the customer's name without calling the customer service.
/// </summary>
public sealed class CustomerReference
{
    public Guid Id { get; init; }
    public required string LegalName { get; set; }
    public DateTimeOffset RegisteredAt { get; init; }
}

internal sealed class CustomerReferenceConfiguration : IEntityTypeConfiguration<CustomerReference>
{
    public void Configure(EntityTypeBuilder<CustomerReference> customer)
    {
        customer.ToTable("customers");
        customer.Property(c => c.Id).ValueGeneratedNever();
        customer.Property(c => c.LegalName).HasMaxLength(200);
    }
}
