using CrmPlatform.Contracts.Customers;
using CrmPlatform.Customers.History;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Customers.Lifecycle;
using CrmPlatform.Messaging.Outbox;

namespace CrmPlatform.Customers.Accounts;

/// <summary>
/// The events a change of a customer publishes, added to the outbox of the unit of work that makes
/// the change. Every update publishes <see cref="CustomerProfileUpdated"/> naming all changed fields;
/// departments that care about one part also get its own event.
/// </summary>
public static class CustomerEvents
{
    private static readonly string[] _fiscalFields = ["country", "taxId"];

    /// <summary>Adds a new customer with its history row and its CustomerRegistered event, to commit together.</summary>
    public static void AddNewCustomer(this CustomersDbContext db, Customer customer, string actor, string operation)
    {
        db.Customers.Add(customer);
        db.Record(customer.Id, actor, operation, customer.RegisteredAt, "customer", null, CustomerInput.DocumentOf(customer).ToJsonString());
        db.AddRegistered(customer);
    }

    private static void AddRegistered(this CustomersDbContext db, Customer customer) =>
        db.AddEvent(new CustomerRegistered
        {
            CustomerId = customer.Id,
            Kind = customer.Kind.ToWireName(),
            LegalName = customer.LegalName,
            TradeName = customer.TradeName,
            Country = customer.Country,
            TaxId = customer.TaxId,
            RegisteredAt = customer.RegisteredAt,
            Stage = customer.Stage.ToWireName(),
            OwnerId = customer.OwnerId,
            Email = customer.Email,
            Phone = customer.Phone,
            Segments = customer.Segments,
            IsStrategic = customer.IsStrategic,
        }, customer.Id, customer.RegisteredAt);

    public static void AddUpdated(this CustomersDbContext db, Customer customer, IReadOnlyList<FieldChange> changes, string? previousOwnerId)
    {
        var at = customer.UpdatedAt;
        var fields = changes.Select(c => c.Field).ToList();
        db.AddEvent(new CustomerProfileUpdated
        {
            CustomerId = customer.Id,
            ChangedFields = fields,
            LegalName = customer.LegalName,
            TradeName = customer.TradeName,
            Email = customer.Email,
            Phone = customer.Phone,
            Website = customer.Website,
            Industry = customer.Industry,
            Size = customer.Size,
            IsStrategic = customer.IsStrategic,
            CreditLimit = customer.CreditLimit,
            Currency = customer.Currency,
            PaymentTermsDays = customer.PaymentTermsDays,
            Version = customer.Version,
            UpdatedAt = at,
        }, customer.Id, at);

        if (fields.Contains("addresses"))
        {
            db.AddEvent(new CustomerAddressChanged { CustomerId = customer.Id, Addresses = [.. customer.Addresses.Select(ToContract)], ChangedAt = at }, customer.Id, at);
        }

        var fiscal = fields.Where(f => _fiscalFields.Contains(f) || f.StartsWith("fiscal.", StringComparison.Ordinal)).ToList();
        if (fiscal.Count > 0)
        {
            db.AddEvent(new CustomerFiscalDataChanged
            {
                CustomerId = customer.Id,
                ChangedFields = fiscal,
                Country = customer.Country,
                TaxId = customer.TaxId,
                StateRegistration = customer.Fiscal.StateRegistration,
                MunicipalRegistration = customer.Fiscal.MunicipalRegistration,
                TaxRegime = customer.Fiscal.TaxRegime,
                FiscalAddress = customer.Fiscal.Address is { } address ? ToContract(address) : null,
                VerifiedAt = customer.Fiscal.VerifiedAt,
                ChangedAt = at,
            }, customer.Id, at);
        }

        if (fields.Contains("segments") || fields.Contains("tags"))
        {
            db.AddEvent(new CustomerSegmentsChanged { CustomerId = customer.Id, Segments = customer.Segments, Tags = customer.Tags, ChangedAt = at }, customer.Id, at);
        }

        if (fields.Contains("ownerId"))
        {
            db.AddEvent(new CustomerOwnerChanged { CustomerId = customer.Id, PreviousOwnerId = previousOwnerId, OwnerId = customer.OwnerId, ChangedAt = at }, customer.Id, at);
        }
    }

    public static PostalAddress ToContract(Address address) => new()
    {
        Kind = address.Kind,
        Line1 = address.Line1,
        Line2 = address.Line2,
        City = address.City,
        Region = address.Region,
        PostalCode = address.PostalCode,
        Country = address.Country,
    };
}
