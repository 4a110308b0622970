using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Customers.Accounts;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public const string UniqueTaxIdIndex = "ux_customers_country_tax_id";

    public void Configure(EntityTypeBuilder<Customer> customer)
    {
        customer.ToTable("customers");
        customer.HasKey(c => c.Id);
        customer.Property(c => c.Id).ValueGeneratedNever();
        customer.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        customer.Property(c => c.LegalName).HasMaxLength(RegisterCustomerRequest.MaxNameLength);
        customer.Property(c => c.TradeName).HasMaxLength(RegisterCustomerRequest.MaxNameLength);
        customer.Property(c => c.Country).HasMaxLength(2).IsFixedLength();
        customer.Property(c => c.TaxId).HasMaxLength(TaxIdentity.MaxLength);

        // One account per fiscal identity: the database, not a read-then-write check, is the arbiter.
        customer.HasIndex(c => new { c.Country, c.TaxId }).IsUnique().HasDatabaseName(UniqueTaxIdIndex);
    }
}
