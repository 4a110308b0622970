using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Interactions.Customers;

/// <summary>
/// A person at a customer, kept from contact events: an interaction may name only the customer's own
/// contacts, and the relationship signals tell which roles (a decision maker?) were reached.
/// </summary>
public sealed class ContactReference
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; set; }
    public required string Name { get; set; }

    /// <summary><c>decision_maker</c>, <c>influencer</c>, <c>buyer</c>, <c>user</c>, <c>billing</c> or <c>other</c>.</summary>
    public required string Role { get; set; }

    public string? Position { get; set; }
}

internal sealed class ContactReferenceConfiguration : IEntityTypeConfiguration<ContactReference>
{
    public void Configure(EntityTypeBuilder<ContactReference> contact)
    {
        contact.ToTable("contacts");
        contact.Property(c => c.Id).ValueGeneratedNever();
        contact.Property(c => c.Name).HasMaxLength(200);
        contact.Property(c => c.Role).HasMaxLength(30);
        contact.Property(c => c.Position).HasMaxLength(100);
        contact.HasIndex(c => c.CustomerId);
    }
}
