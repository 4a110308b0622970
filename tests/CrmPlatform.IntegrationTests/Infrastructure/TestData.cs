namespace CrmPlatform.IntegrationTests.Infrastructure;

public static class TestData
{
    /// <summary>A tax id no other test uses, so tests can share a database without colliding.</summary>
    public static string UniqueTaxId() => "T" + Guid.NewGuid().ToString("N")[..18].ToUpperInvariant();

    public static object Company(string taxId, string country = "BR") =>
        new { kind = "company", legalName = "Acme Comércio Ltda", tradeName = "Acme", country, taxId };
}
