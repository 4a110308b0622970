using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Contacts;
using CrmPlatform.Customers.Lifecycle;
using CrmPlatform.Customers.Search;
using CrmPlatform.IntegrationTests.Infrastructure;

namespace CrmPlatform.IntegrationTests.Customers;

/// <summary>
/// Customers stored straight through the DbContext (with the search text the service computes), so
/// search tests can set every field, dates included. Tests share the database: each scopes its rows
/// by a unique token, tag or owner.
/// </summary>
internal static class CustomerRows
{
    private static readonly DateTimeOffset _base = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Lower-case letters only, so it is one word in names and survives folding unchanged.</summary>
    public static string Token() => string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('a' + (c % 26))).Take(12));

    public static Customer New(
        string legalName,
        string? tradeName = null,
        string? taxId = null,
        string country = "BR",
        string? email = null,
        string? phone = null,
        string? ownerId = null,
        IEnumerable<string>? segments = null,
        IEnumerable<string>? tags = null,
        LifecycleStage stage = LifecycleStage.Lead,
        bool strategic = false,
        CustomerKind kind = CustomerKind.Company,
        DateTimeOffset? registeredAt = null,
        DateTimeOffset? updatedAt = null)
    {
        var registered = registeredAt ?? _base;
        var canonicalTaxId = taxId ?? TestData.UniqueTaxId();
        return new Customer
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            LegalName = legalName,
            TradeName = tradeName,
            Country = country,
            TaxId = canonicalTaxId,
            Email = email,
            Phone = phone,
            OwnerId = ownerId,
            Segments = [.. segments ?? []],
            Tags = [.. tags ?? []],
            Stage = stage,
            StageChangedAt = registered,
            IsStrategic = strategic,
            RegisteredAt = registered,
            UpdatedAt = updatedAt ?? registered,
            SearchText = SearchText.For(legalName, tradeName, canonicalTaxId, email),
        };
    }

    public static Task InsertAsync(Suite suite, params Customer[] customers) =>
        suite.Customers.QueryAsync(async db =>
        {
            db.Customers.AddRange(customers);
            return await db.SaveChangesAsync();
        });

    public static Task AddContactAsync(Suite suite, Guid customerId, string? email = null, string? phone = null) =>
        suite.Customers.QueryAsync(async db =>
        {
            db.Contacts.Add(new Contact
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customerId,
                Name = "Contact " + Token(),
                Role = ContactRole.Buyer,
                Email = email,
                Phone = phone,
                CreatedAt = _base,
                UpdatedAt = _base,
            });
            return await db.SaveChangesAsync();
        });
}
