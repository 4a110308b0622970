using System.Net;
using System.Text;
using System.Text.Json;
using CrmPlatform.Tests.Shared;

namespace CrmPlatform.ApiBench;

public static class BenchCustomers
{
    /// <summary>Registers a BR company with a fresh valid CNPJ through the gateway: its id, or null when it was not created.</summary>
    public static async Task<Guid?> RegisterAsync(HttpClient http, int n)
    {
        var body = $$"""{ "kind": "company", "legalName": "Bench Comércio {{n}} Ltda", "country": "BR", "taxId": "{{ValidTaxIds.Cnpj()}}", "email": "c{{n}}@bench.example", "segments": ["bench"] }""";
        using var response = await http.PostAsync("/api/customers", new StringContent(body, Encoding.UTF8, "application/json"));
        return response.StatusCode == HttpStatusCode.Created
            ? JsonDocument.Parse(await response.Content.ReadAsStreamAsync()).RootElement.GetProperty("id").GetGuid()
            : null;
    }
}
