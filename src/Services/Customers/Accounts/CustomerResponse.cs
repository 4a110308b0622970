using System.Text.Json;
using CrmPlatform.Customers.Lifecycle;

namespace CrmPlatform.Customers.Accounts;

/// <summary>A customer as the API shows it. <see cref="Version"/> is also sent as the ETag.</summary>
public sealed record CustomerResponse(
    Guid Id,
    string Kind,
    string LegalName,
    string? TradeName,
    string Country,
    string TaxId,
    string? Email,
    string? Phone,
    string? Website,
    string? Industry,
    string? Size,
    string? OwnerId,
    IReadOnlyList<string> Segments,
    IReadOnlyList<string> Tags,
    bool IsStrategic,
    decimal? CreditLimit,
    string? Currency,
    int? PaymentTermsDays,
    JsonElement CustomAttributes,
    FiscalResponse Fiscal,
    IReadOnlyList<Address> Addresses,
    string Stage,
    DateTimeOffset StageChangedAt,
    string? StageReason,
    QualificationSummary? Qualification,
    int OverdueInvoices,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    /// <summary>
    /// Web defaults, with non-ASCII letters written as they are ("Comércio", not "Com\u00E9rcio"): the
    /// body is only ever served as application/json, never embedded in HTML.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static CustomerResponse From(Customer customer) => new(
        customer.Id,
        customer.Kind.ToWireName(),
        customer.LegalName,
        customer.TradeName,
        customer.Country,
        customer.TaxId,
        customer.Email,
        customer.Phone,
        customer.Website,
        customer.Industry,
        customer.Size,
        customer.OwnerId,
        customer.Segments,
        customer.Tags,
        customer.IsStrategic,
        customer.CreditLimit,
        customer.Currency,
        customer.PaymentTermsDays,
        JsonText.Parse(customer.CustomAttributes),
        new FiscalResponse(
            customer.Fiscal.StateRegistration,
            customer.Fiscal.MunicipalRegistration,
            customer.Fiscal.TaxRegime,
            customer.Fiscal.Address,
            customer.Fiscal.VerifiedAt,
            customer.FiscalReviewRaisedAt is not null),
        customer.Addresses,
        customer.Stage.ToWireName(),
        customer.StageChangedAt,
        customer.StageReason,
        customer.QualificationScore is { } score
            ? new QualificationSummary(score, customer.QualificationDecision!, customer.QualifiedAt!.Value)
            : null,
        customer.OverdueInvoices,
        customer.RegisteredAt,
        customer.UpdatedAt,
        customer.Version);

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary><see cref="ReviewDue"/>: the data was not verified within the review period and a review was requested.</summary>
public sealed record FiscalResponse(
    string? StateRegistration, string? MunicipalRegistration, string? TaxRegime, Address? Address, DateTimeOffset? VerifiedAt, bool ReviewDue);

public sealed record QualificationSummary(int Score, string Decision, DateTimeOffset AssessedAt);
