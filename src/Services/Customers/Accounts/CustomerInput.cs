using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.Customers.Fiscal;
using CrmPlatform.Customers.Lifecycle;
using CrmPlatform.Customers.Validation;
using CrmPlatform.Integrations;

namespace CrmPlatform.Customers.Accounts;

/// <summary>
/// The editable part of a customer as one JSON document. A registration is that document; an
/// update is a JSON Merge Patch applied to the current document. Both are then read and checked by
/// the same code, so a field means the same in both and every error names the field.
/// </summary>
public sealed class CustomerInput
{
    private static readonly HashSet<string> _members =
    [
        "kind", "legalName", "tradeName", "country", "taxId", "email", "phone", "website", "industry", "size", "ownerId",
        "segments", "tags", "isStrategic", "creditLimit", "currency", "paymentTermsDays", "customAttributes", "fiscal", "addresses", "stage",
    ];

    private static readonly HashSet<string> _fiscalMembers = ["stateRegistration", "municipalRegistration", "taxRegime", "address", "verifiedAt"];

    public static readonly string[] Sizes = ["micro", "small", "medium", "large", "enterprise"];

    public CustomerKind Kind { get; private set; }
    public string LegalName { get; private set; } = "";
    public string? TradeName { get; private set; }
    public string Country { get; private set; } = "";
    public string TaxId { get; private set; } = "";
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? Website { get; private set; }
    public string? Industry { get; private set; }
    public string? Size { get; private set; }
    public string? OwnerId { get; private set; }
    public List<string> Segments { get; private set; } = [];
    public List<string> Tags { get; private set; } = [];
    public bool IsStrategic { get; private set; }
    public decimal? CreditLimit { get; private set; }
    public string? Currency { get; private set; }
    public int? PaymentTermsDays { get; private set; }
    public string CustomAttributes { get; private set; } = "{}";
    public string? StateRegistration { get; private set; }
    public string? MunicipalRegistration { get; private set; }
    public string? TaxRegime { get; private set; }
    public Address? FiscalAddress { get; private set; }
    public DateTimeOffset? FiscalVerifiedAt { get; private set; }
    public List<Address> Addresses { get; private set; } = [];
    public LifecycleStage? Stage { get; private set; }

    /// <summary>Reads and checks a whole document; null when <paramref name="errors"/> got any.</summary>
    public static CustomerInput? Read(JsonObject document, CustomAttributeOptions attributes, DateTimeOffset now, FieldErrors errors)
    {
        var before = errors.Count;
        foreach (var (name, _) in document)
        {
            if (!_members.Contains(name))
            {
                errors.Add(Text.Shorten(name), "Unknown field.");
            }
        }

        var input = new CustomerInput();
        input.ReadIdentity(document, errors);
        input.ReadProfile(document, errors);
        input.ReadCommercial(document, attributes, errors);
        input.ReadFiscal(document, now, errors);
        input.ReadAddresses(document, errors);
        if (document["stage"] is not null)
        {
            JsonFields.String(document["stage"], "stage", errors, out var stage);
            if (LifecycleStages.TryParse(stage, out var parsed))
            {
                input.Stage = parsed;
            }
            else if (stage is not null)
            {
                errors.Add("stage", $"Must be one of {string.Join(", ", Enum.GetValues<LifecycleStage>().Select(s => s.ToWireName()))}.");
            }
        }

        return errors.Count > before ? null : input;
    }

    /// <summary>The current document of <paramref name="customer"/>, the base a merge patch applies to.</summary>
    public static JsonObject DocumentOf(Customer customer) => new()
    {
        ["kind"] = customer.Kind.ToWireName(),
        ["legalName"] = customer.LegalName,
        ["tradeName"] = customer.TradeName,
        ["country"] = customer.Country,
        ["taxId"] = customer.TaxId,
        ["email"] = customer.Email,
        ["phone"] = customer.Phone,
        ["website"] = customer.Website,
        ["industry"] = customer.Industry,
        ["size"] = customer.Size,
        ["ownerId"] = customer.OwnerId,
        ["segments"] = new JsonArray([.. customer.Segments.Select(s => JsonValue.Create(s))]),
        ["tags"] = new JsonArray([.. customer.Tags.Select(s => JsonValue.Create(s))]),
        ["isStrategic"] = customer.IsStrategic,
        ["creditLimit"] = customer.CreditLimit,
        ["currency"] = customer.Currency,
        ["paymentTermsDays"] = customer.PaymentTermsDays,
        ["customAttributes"] = JsonNode.Parse(customer.CustomAttributes),
        ["fiscal"] = new JsonObject
        {
            ["stateRegistration"] = customer.Fiscal.StateRegistration,
            ["municipalRegistration"] = customer.Fiscal.MunicipalRegistration,
            ["taxRegime"] = customer.Fiscal.TaxRegime,
            ["address"] = customer.Fiscal.Address is { } fiscalAddress ? AddressInput.ToJson(fiscalAddress, withKind: false) : null,
            ["verifiedAt"] = customer.Fiscal.VerifiedAt?.ToString("O", CultureInfo.InvariantCulture),
        },
        ["addresses"] = new JsonArray([.. customer.Addresses.Select(a => AddressInput.ToJson(a))]),
    };

    /// <summary>A new customer from this document, registered at <paramref name="now"/>.</summary>
    public Customer NewCustomer(DateTimeOffset now)
    {
        var customer = new Customer
        {
            Id = Guid.CreateVersion7(),
            Kind = Kind,
            LegalName = LegalName,
            Country = Country,
            TaxId = TaxId,
            RegisteredAt = now,
            UpdatedAt = now,
            Stage = Stage ?? LifecycleStage.Lead,
            StageChangedAt = now,
        };
        ApplyTo(customer);
        return customer;
    }

    /// <summary>Copies the checked values onto <paramref name="customer"/> (not its kind or stage).</summary>
    public void ApplyTo(Customer customer)
    {
        customer.LegalName = LegalName;
        customer.TradeName = TradeName;
        customer.Country = Country;
        customer.TaxId = TaxId;
        customer.Email = Email;
        customer.Phone = Phone;
        customer.Website = Website;
        customer.Industry = Industry;
        customer.Size = Size;
        customer.OwnerId = OwnerId;
        customer.Segments = Segments;
        customer.Tags = Tags;
        customer.IsStrategic = IsStrategic;
        customer.CreditLimit = CreditLimit;
        customer.Currency = Currency;
        customer.PaymentTermsDays = PaymentTermsDays;
        customer.CustomAttributes = CustomAttributes;
        customer.Fiscal = new FiscalData
        {
            StateRegistration = StateRegistration,
            MunicipalRegistration = MunicipalRegistration,
            TaxRegime = TaxRegime,
            Address = FiscalAddress,
            VerifiedAt = FiscalVerifiedAt,
        };
        customer.Addresses = Addresses;
        customer.SearchText = Search.SearchText.For(LegalName, TradeName, TaxId, Email);
    }

    private void ReadIdentity(JsonObject document, FieldErrors errors)
    {
        var kind = ReadText(document, "kind", 16, errors);
        if (kind is null)
        {
            AddOnce(errors, "kind", "Required: 'company' or 'person'.");
        }
        else if (CustomerKinds.TryParse(kind, out var parsed))
        {
            Kind = parsed;
        }
        else
        {
            errors.Add("kind", $"'{Text.Shorten(kind)}' is not a kind: use 'company' or 'person'.");
        }

        LegalName = ReadText(document, "legalName", CustomerLimits.Name, errors) ?? "";
        if (LegalName.Length == 0)
        {
            AddOnce(errors, "legalName", "Required.");
        }

        TradeName = ReadText(document, "tradeName", CustomerLimits.Name, errors);
        Country = ReadText(document, "country", 2, errors)?.ToUpperInvariant() ?? "";
        if (Country.Length == 0)
        {
            AddOnce(errors, "country", "Required (ISO 3166-1 alpha-2, e.g. 'BR', 'RO').");
        }
        else if (!Countries.IsAssigned(Country))
        {
            errors.Add("country", $"'{Country}' is not an ISO 3166-1 alpha-2 country code.");
        }

        JsonFields.String(document["taxId"], "taxId", errors, out var rawTaxId);
        if (string.IsNullOrWhiteSpace(rawTaxId))
        {
            AddOnce(errors, "taxId", "Required.");
        }
        else if (!errors.Has("taxId") && !errors.Has("country") && !errors.Has("kind"))
        {
            var check = TaxIds.Validate(Country, Kind, rawTaxId);
            if (check.Error is not null)
            {
                errors.Add("taxId", check.Error);
            }
            else
            {
                TaxId = check.Canonical!;
            }
        }
    }

    private void ReadProfile(JsonObject document, FieldErrors errors)
    {
        Email = ContactPoints.Email(ReadText(document, "email", CustomerLimits.Email, errors), "email", errors);
        Phone = ContactPoints.Phone(ReadText(document, "phone", CustomerLimits.Phone, errors), "phone", errors);
        Website = ContactPoints.Website(ReadText(document, "website", CustomerLimits.Url, errors), "website", errors);
        Industry = ReadText(document, "industry", CustomerLimits.ShortText, errors);
        Size = ReadText(document, "size", 16, errors)?.ToLowerInvariant();
        if (Size is not null && !Sizes.Contains(Size))
        {
            errors.Add("size", $"Must be one of {string.Join(", ", Sizes)}.");
        }

        OwnerId = ReadText(document, "ownerId", CustomerLimits.ShortText, errors);
        Segments = Labels.Read(document["segments"], "segments", errors);
        Tags = Labels.Read(document["tags"], "tags", errors);
        if (document["isStrategic"] is { } strategic && JsonFields.Boolean(strategic, "isStrategic", errors, out var isStrategic))
        {
            IsStrategic = isStrategic;
        }
    }

    private void ReadCommercial(JsonObject document, CustomAttributeOptions attributes, FieldErrors errors)
    {
        if (JsonFields.Decimal(document["creditLimit"], "creditLimit", errors, out var limit) && limit is { } value)
        {
            if (value < 0 || value >= 10_000_000_000_000_000m)
            {
                errors.Add("creditLimit", "Must be between 0 and 9,999,999,999,999,999.99.");
            }
            else if (value != decimal.Round(value, 2))
            {
                errors.Add("creditLimit", "At most 2 decimal places.");
            }
            else
            {
                CreditLimit = value;
            }
        }

        Currency = ReadText(document, "currency", 3, errors)?.ToUpperInvariant();
        if (Currency is not null && !(Currency.Length == 3 && Currency.All(char.IsAsciiLetterUpper)))
        {
            errors.Add("currency", "Must be an ISO 4217 code (three letters, e.g. 'BRL', 'RON').");
        }
        else if (CreditLimit is not null && Currency is null && !errors.Has("currency"))
        {
            errors.Add("currency", "Required when a credit limit is given.");
        }

        if (JsonFields.Integer(document["paymentTermsDays"], "paymentTermsDays", errors, out var terms) && terms is { } days)
        {
            if (days is < 0 or > 365)
            {
                errors.Add("paymentTermsDays", "Must be between 0 and 365.");
            }
            else
            {
                PaymentTermsDays = days;
            }
        }

        if (JsonFields.Object(document["customAttributes"], "customAttributes", errors, out var custom))
        {
            CustomAttributes = Accounts.CustomAttributes.Validate(custom ?? [], attributes, errors);
        }
    }

    private void ReadFiscal(JsonObject document, DateTimeOffset now, FieldErrors errors)
    {
        if (!JsonFields.Object(document["fiscal"], "fiscal", errors, out var fiscal) || fiscal is null)
        {
            return;
        }

        foreach (var (name, _) in fiscal)
        {
            if (!_fiscalMembers.Contains(name))
            {
                errors.Add(Text.Shorten($"fiscal.{name}"), "Unknown field.");
            }
        }

        StateRegistration = ReadText(fiscal, "stateRegistration", CustomerLimits.ShortText, errors, "fiscal.");
        MunicipalRegistration = ReadText(fiscal, "municipalRegistration", CustomerLimits.ShortText, errors, "fiscal.");
        TaxRegime = ReadText(fiscal, "taxRegime", CustomerLimits.ShortText, errors, "fiscal.");
        FiscalAddress = AddressInput.Read(fiscal["address"], "fiscal.address", errors, fixedKind: "fiscal");
        var verifiedAt = ReadText(fiscal, "verifiedAt", 40, errors, "fiscal.");
        if (verifiedAt is null)
        {
            return;
        }

        if (!DateTimeOffset.TryParse(verifiedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            errors.Add("fiscal.verifiedAt", "Must be a date and time (ISO 8601, e.g. 2026-11-23T10:00:00Z).");
        }
        else if (parsed > now.AddMinutes(5))
        {
            errors.Add("fiscal.verifiedAt", "Cannot be in the future.");
        }
        else
        {
            FiscalVerifiedAt = parsed.ToUniversalTime().ToPostgresPrecision();
        }
    }

    private void ReadAddresses(JsonObject document, FieldErrors errors)
    {
        var node = document["addresses"];
        if (node is null)
        {
            return;
        }

        if (node is not JsonArray array)
        {
            errors.Add("addresses", "Must be an array of addresses.");
            return;
        }

        if (array.Count > CustomerLimits.AddressesPerCustomer)
        {
            errors.Add("addresses", $"At most {CustomerLimits.AddressesPerCustomer} addresses.");
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (AddressInput.Read(array[i], $"addresses[{i}]", errors) is { } address)
            {
                Addresses.Add(address);
            }
            else if (array[i] is null)
            {
                errors.Add($"addresses[{i}]", "Must be an address, not null.");
            }
        }
    }

    private static string? ReadText(JsonObject document, string name, int maxLength, FieldErrors errors, string prefix = "")
    {
        var field = prefix + name;
        return JsonFields.String(document[name], field, errors, out var raw) ? Text.Clean(raw, field, maxLength, errors) : null;
    }

    private static void AddOnce(FieldErrors errors, string field, string message)
    {
        if (!errors.Has(field))
        {
            errors.Add(field, message);
        }
    }
}

/// <summary>JSON helpers shared by responses.</summary>
internal static class JsonText
{
    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
