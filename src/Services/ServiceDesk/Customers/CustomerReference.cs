using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.ServiceDesk.Customers;

/// <summary>
/// The service desk's own record of a customer, kept from customer events: a ticket is opened only
/// for a customer it knows, and the SLA policy is chosen from its strategic flag and segments. A
/// merged customer keeps its row with <see cref="MergedInto"/> set, so its old id leads to the survivor.
/// </summary>
public sealed class CustomerReference
{
    public Guid Id { get; init; }
    public required string LegalName { get; set; }
    public required string Country { get; set; }
    public bool IsStrategic { get; set; }
    public List<string> Segments { get; set; } = [];
    public Guid? MergedInto { get; set; }
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

/// <summary>A person at a customer, kept from contact events: a ticket may name only the customer's own contacts.</summary>
public sealed class ContactReference
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; set; }
    public required string Name { get; set; }
}

internal sealed class ContactReferenceConfiguration : IEntityTypeConfiguration<ContactReference>
{
    public void Configure(EntityTypeBuilder<ContactReference> contact)
    {
        contact.ToTable("contacts");
        contact.Property(c => c.Id).ValueGeneratedNever();
        contact.Property(c => c.Name).HasMaxLength(200);
        contact.HasIndex(c => c.CustomerId);
    }
}
