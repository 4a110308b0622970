namespace CrmPlatform.Customers.Extensions;

/// <summary>Request examples for the API reference, by operation name; each is a request the service accepts.</summary>
internal static class ApiExamples
{
    public static IReadOnlyDictionary<string, string> Requests { get; } = new Dictionary<string, string>
    {
        ["RegisterCustomer"] = """
            { "kind": "company", "legalName": "Padaria Pão Dourado Ltda", "tradeName": "Pão Dourado", "country": "BR",
              "taxId": "11.222.333/0001-81", "email": "compras@paodourado.com.br", "phone": "+55 11 3456-7890",
              "segments": ["varejo"], "addresses": [ { "kind": "billing", "line1": "Rua Augusta, 1500", "city": "São Paulo",
              "region": "SP", "postalCode": "01304-001", "country": "BR" } ] }
            """,
        ["UpdateCustomer"] = """{ "tradeName": "Pão Dourado Centro", "tags": ["pagamento-pontual"] }""",
        ["ChangeStage"] = """{ "stage": "qualified", "reason": "Budget confirmed in the visit of 2 Dec." }""",
        ["AddContact"] = """
            { "name": "Maria Souza", "role": "buyer", "position": "Compras", "email": "maria@paodourado.com.br",
              "preferredChannel": "email", "marketingEmailConsent": true }
            """,
    };
}
