using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Contacts;
using CrmPlatform.Customers.Duplicates;
using CrmPlatform.Customers.History;
using CrmPlatform.Customers.Qualification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Customers.Infrastructure;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> contact)
    {
        contact.ToTable("contacts");
        contact.HasKey(c => c.Id);
        contact.Property(c => c.Id).ValueGeneratedNever();
        contact.Property(c => c.Name).HasMaxLength(CustomerLimits.Name);
        contact.Property(c => c.Role).HasConversion<string>().HasMaxLength(16);
        contact.Property(c => c.Position).HasMaxLength(CustomerLimits.ShortText);
        contact.Property(c => c.Email).HasMaxLength(CustomerLimits.Email);
        contact.Property(c => c.Phone).HasMaxLength(CustomerLimits.Phone);
        contact.Property(c => c.PreferredChannel).HasConversion<string>().HasMaxLength(16);
        contact.Property(c => c.Version).IsConcurrencyToken();
        contact.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        contact.HasIndex(c => c.CustomerId);
        contact.HasIndex(c => c.Email);
        contact.HasIndex(c => c.Phone);
    }
}

internal sealed class QualificationAssessmentConfiguration : IEntityTypeConfiguration<QualificationAssessment>
{
    public void Configure(EntityTypeBuilder<QualificationAssessment> assessment)
    {
        assessment.ToTable("qualification_assessments");
        assessment.HasKey(a => a.Id);
        assessment.Property(a => a.Id).ValueGeneratedNever();
        assessment.Property(a => a.Decision).HasMaxLength(16);
        assessment.Property(a => a.Source).HasMaxLength(16);
        assessment.Property(a => a.AssessedBy).HasMaxLength(CustomerLimits.ShortText);
        assessment.Property(a => a.Notes).HasMaxLength(CustomerLimits.Notes);
        // No foreign key: the history outlives a merge (it moves to the survivor) and is never cascaded away.
        assessment.HasIndex(a => new { a.CustomerId, a.AssessedAt });
    }
}

internal sealed class OverdueInvoiceConfiguration : IEntityTypeConfiguration<OverdueInvoice>
{
    public void Configure(EntityTypeBuilder<OverdueInvoice> invoice)
    {
        invoice.ToTable("overdue_invoices");
        invoice.HasKey(i => new { i.CustomerId, i.InvoiceId });
        invoice.Property(i => i.InvoiceId).HasMaxLength(CustomerLimits.ShortText);
        invoice.Property(i => i.Currency).HasMaxLength(3).IsFixedLength();
        invoice.Property(i => i.Amount).HasPrecision(18, 2);
    }
}

internal sealed class CustomerChangeConfiguration : IEntityTypeConfiguration<CustomerChange>
{
    public void Configure(EntityTypeBuilder<CustomerChange> change)
    {
        change.ToTable("customer_changes");
        change.HasKey(c => c.Id);
        change.Property(c => c.Id).UseIdentityAlwaysColumn();
        change.Property(c => c.ChangedBy).HasMaxLength(CustomerLimits.ShortText);
        change.Property(c => c.Operation).HasMaxLength(32);
        change.Property(c => c.Field).HasMaxLength(CustomerLimits.ShortText);
        change.Property(c => c.OldValue).HasColumnType("jsonb");
        change.Property(c => c.NewValue).HasColumnType("jsonb");
        change.HasIndex(c => new { c.CustomerId, c.Id });
    }
}

internal sealed class CustomerAliasConfiguration : IEntityTypeConfiguration<CustomerAlias>
{
    public void Configure(EntityTypeBuilder<CustomerAlias> alias)
    {
        alias.ToTable("customer_aliases");
        alias.HasKey(a => a.MergedId);
        alias.HasIndex(a => a.SurvivorId);
    }
}
