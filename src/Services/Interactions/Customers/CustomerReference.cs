using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Interactions.Customers;

/// <summary>
/// This service's own record of a customer, kept from customer events: interactions are logged only
/// for customers it knows, and the timeline shows the customer's name without calling the customer
/// service. A merged customer keeps its row with <see cref="MergedInto"/> set, so its old id still
/// leads to the survivor.
/// </summary>
public sealed class CustomerReference
{
    public Guid Id { get; init; }
    public required string LegalName { get; set; }
    public string? OwnerId { get; set; }
    public bool IsStrategic { get; set; }
    public Guid? MergedInto { get; set; }
    public DateTimeOffset RegisteredAt { get; init; }
}

internal sealed class CustomerReferenceConfiguration : IEntityTypeConfiguration<CustomerReference>
{
    public void Configure(EntityTypeBuilder<CustomerReference> customer)
    {
        customer.ToTable("customers");
        customer.Property(c => c.Id).ValueGeneratedNever();
        customer.Property(c => c.LegalName).HasMaxLength(200);
        customer.Property(c => c.OwnerId).HasMaxLength(100);
    }
}
