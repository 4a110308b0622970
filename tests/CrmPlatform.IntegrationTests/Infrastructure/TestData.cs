using CrmPlatform.Tests.Shared;

namespace CrmPlatform.IntegrationTests.Infrastructure;

public static class TestData
{
    /// <summary>A valid tax id for a company of <paramref name="country"/> that no other test uses.</summary>
    public static string UniqueTaxId(string country = "BR") => country switch
    {
        "BR" => ValidTaxIds.Cnpj(),
        "RO" => ValidTaxIds.Cui(),
        _ => "T" + Guid.NewGuid().ToString("N")[..18].ToUpperInvariant(),
    };

    public static object Company(string taxId, string country = "BR") =>
        new { kind = "company", legalName = "Acme Comércio Ltda", tradeName = "Acme", country, taxId };
}
