using System.Text.Json;
using CrmPlatform.Customers.Fiscal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
        customer.Property(c => c.LegalName).HasMaxLength(CustomerLimits.Name);
        customer.Property(c => c.TradeName).HasMaxLength(CustomerLimits.Name);
        customer.Property(c => c.Country).HasMaxLength(2).IsFixedLength();
        customer.Property(c => c.TaxId).HasMaxLength(TaxIdentity.MaxLength);
        customer.Property(c => c.Email).HasMaxLength(CustomerLimits.Email);
        customer.Property(c => c.Phone).HasMaxLength(CustomerLimits.Phone);
        customer.Property(c => c.Website).HasMaxLength(CustomerLimits.Url);
        customer.Property(c => c.Industry).HasMaxLength(CustomerLimits.ShortText);
        customer.Property(c => c.Size).HasMaxLength(16);
        customer.Property(c => c.OwnerId).HasMaxLength(CustomerLimits.ShortText);
        customer.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        customer.Property(c => c.CreditLimit).HasPrecision(18, 2);
        customer.Property(c => c.CustomAttributes).HasColumnType("jsonb");
        customer.Property(c => c.Stage).HasConversion<string>().HasMaxLength(16);
        customer.Property(c => c.StageReason).HasMaxLength(CustomerLimits.Reason);
        customer.Property(c => c.QualificationDecision).HasMaxLength(16);
        customer.Property(c => c.Version).IsConcurrencyToken();
        customer.Property(c => c.Addresses).HasColumnType("jsonb").HasConversion(Json<List<Address>>.Converter, Json<List<Address>>.Comparer);

        customer.OwnsOne(c => c.Fiscal, fiscal =>
        {
            fiscal.Property(f => f.StateRegistration).HasColumnName("fiscal_state_registration").HasMaxLength(CustomerLimits.ShortText);
            fiscal.Property(f => f.MunicipalRegistration).HasColumnName("fiscal_municipal_registration").HasMaxLength(CustomerLimits.ShortText);
            fiscal.Property(f => f.TaxRegime).HasColumnName("fiscal_tax_regime").HasMaxLength(CustomerLimits.ShortText);
            fiscal.Property(f => f.Address).HasColumnName("fiscal_address").HasColumnType("jsonb")
                .HasConversion(Json<Address?>.Converter, Json<Address?>.Comparer);
            fiscal.Property(f => f.VerifiedAt).HasColumnName("fiscal_verified_at");
        });
        customer.Navigation(c => c.Fiscal).IsRequired();

        // One account per fiscal identity: the database, not a read-then-write check, is the arbiter.
        customer.HasIndex(c => new { c.Country, c.TaxId }).IsUnique().HasDatabaseName(UniqueTaxIdIndex);

        // Text search over names, tax id and e-mail ("contains", any position) at 1M rows.
        customer.HasIndex(c => c.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_customers_search_trgm");
        customer.HasIndex(c => c.Segments).HasMethod("gin");
        customer.HasIndex(c => c.Tags).HasMethod("gin");
        customer.HasIndex(c => c.Email);
        customer.HasIndex(c => c.Phone);

        // Keyset pagination: every sort ends with the id so the cursor is unambiguous. The sort indexes
        // include search_text so a text search can read a window of them index-only (CustomerSearchSql).
        customer.HasIndex(c => new { c.LegalName, c.Id }).IncludeProperties(c => c.SearchText);
        customer.HasIndex(c => new { c.RegisteredAt, c.Id }).IncludeProperties(c => c.SearchText);
        customer.HasIndex(c => new { c.UpdatedAt, c.Id }).IncludeProperties(c => c.SearchText);
        customer.HasIndex(c => new { c.OwnerId, c.LegalName, c.Id });
        // A seller's customers by latest change: the owner's list most often asked for.
        customer.HasIndex(c => new { c.OwnerId, c.UpdatedAt, c.Id });
        customer.HasIndex(c => new { c.Stage, c.LegalName, c.Id });
        // Customers of one country by name: names cluster by language, so walking the name index for
        // one country can pass a long run of others (a 2% country: 74,000 rows at 1M customers).
        customer.HasIndex(c => new { c.Country, c.LegalName, c.Id });
        // The key accounts (a few percent) by name, small enough to walk with any other filter.
        customer.HasIndex(c => new { c.LegalName, c.Id }, "StrategicByLegalName")
            .HasDatabaseName("ix_customers_strategic_legal_name_id").HasFilter("is_strategic");
    }
}

/// <summary>A value stored as jsonb through System.Text.Json, compared by its JSON.</summary>
internal static class Json<T>
{
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web);

    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> Converter = new(
        v => JsonSerializer.Serialize(v, _options),
        s => JsonSerializer.Deserialize<T>(s, _options)!);

    public static readonly ValueComparer<T> Comparer = new(
        (a, b) => JsonSerializer.Serialize(a, _options) == JsonSerializer.Serialize(b, _options),
        v => JsonSerializer.Serialize(v, _options).GetHashCode(StringComparison.Ordinal),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, _options), _options)!);
}
