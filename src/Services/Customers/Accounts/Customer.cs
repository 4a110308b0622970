using CrmPlatform.Customers.Lifecycle;

namespace CrmPlatform.Customers.Accounts;

/// <summary>A customer account of the portfolio ("carteira de clientes").</summary>
public sealed class Customer
{
    public Guid Id { get; init; }
    public CustomerKind Kind { get; init; }
    public required string LegalName { get; set; }
    public string? TradeName { get; set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string Country { get; set; }

    /// <summary>Canonical form (see <c>TaxIdentity.Normalize</c>); unique per country.</summary>
    public required string TaxId { get; set; }

    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }
    public string? Industry { get; set; }
    public string? Size { get; set; }

    /// <summary>The responsible seller (a user id of the identity provider).</summary>
    public string? OwnerId { get; set; }

    public List<string> Segments { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public bool IsStrategic { get; set; }
    public decimal? CreditLimit { get; set; }
    public string? Currency { get; set; }
    public int? PaymentTermsDays { get; set; }

    /// <summary>A JSON object, valid against the installation's attribute definitions.</summary>
    public string CustomAttributes { get; set; } = "{}";

    public FiscalData Fiscal { get; set; } = new();

    /// <summary>Set when <c>CustomerFiscalDataReviewDue</c> was raised; cleared when the data is verified again.</summary>
    public DateTimeOffset? FiscalReviewRaisedAt { get; set; }

    public List<Address> Addresses { get; set; } = [];

    public LifecycleStage Stage { get; set; } = LifecycleStage.Lead;
    public DateTimeOffset StageChangedAt { get; set; }
    public string? StageReason { get; set; }

    /// <summary>The latest qualification; the history is in <c>qualification_assessments</c>.</summary>
    public int? QualificationScore { get; set; }
    public string? QualificationDecision { get; set; }
    public DateTimeOffset? QualifiedAt { get; set; }

    /// <summary>Open overdue invoices reported by accounting, keyed by invoice id.</summary>
    public int OverdueInvoices { get; set; }

    /// <summary>Incremented by every change: the ETag, and the optimistic concurrency token.</summary>
    public long Version { get; set; } = 1;

    /// <summary>Lower-case, accent-free names, tax id and e-mail: what the trigram index searches.</summary>
    public string SearchText { get; set; } = "";
}

/// <summary>Fiscal data accounting needs, with when it was last checked against the authority.</summary>
public sealed class FiscalData
{
    public string? StateRegistration { get; set; }
    public string? MunicipalRegistration { get; set; }
    public string? TaxRegime { get; set; }
    public Address? Address { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
}

/// <summary>A postal address; stored as JSON with the customer (addresses have no identity of their own).</summary>
public sealed record Address
{
    public required string Kind { get; init; }
    public required string Line1 { get; init; }
    public string? Line2 { get; init; }
    public required string City { get; init; }
    public string? Region { get; init; }
    public string? PostalCode { get; init; }
    public required string Country { get; init; }
}
