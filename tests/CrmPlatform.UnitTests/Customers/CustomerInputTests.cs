using System.Text.Json.Nodes;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.UnitTests.Customers;

public sealed class CustomerInputTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly CustomAttributeOptions _attributes = new()
    {
        Definitions =
        {
            ["erpCode"] = new CustomAttributeDefinition { Type = "string", MaxLength = 5 },
            ["employees"] = new CustomAttributeDefinition { Type = "integer", Minimum = 0 },
            ["window"] = new CustomAttributeDefinition { Type = "choice", Choices = ["morning", "afternoon"] },
            ["renewal"] = new CustomAttributeDefinition { Type = "date" },
        },
    };

    private static (CustomerInput? Input, IReadOnlyDictionary<string, string[]> Errors) Read(string json)
    {
        var errors = new FieldErrors();
        var input = CustomerInput.Read(JsonNode.Parse(json)!.AsObject(), _attributes, _now, errors);
        return (input, errors.ToDictionary());
    }

    [Fact]
    public void A_complete_document_gives_normalised_values()
    {
        var (input, errors) = Read("""
            { "kind": "Company", "legalName": "  Acme Comércio Ltda ", "country": "br", "taxId": "11.222.333/0001-81",
              "email": " Vendas@Acme.COM.br ", "phone": "+55 (11) 98765-4321", "website": "acme.com.br", "size": "Small",
              "segments": ["Varejo", "varejo ", "Sul"], "creditLimit": 1500.50, "currency": "brl", "paymentTermsDays": 30,
              "customAttributes": { "erpCode": "A1", "employees": 12 },
              "fiscal": { "taxRegime": "Simples Nacional", "verifiedAt": "2026-01-10T00:00:00Z",
                          "address": { "line1": "Rua A, 1", "city": "São Paulo", "country": "BR" } },
              "addresses": [ { "kind": "shipping", "line1": "Rua B, 2", "city": "Campinas", "country": "br" } ] }
            """);

        errors.ShouldBeEmpty();
        input!.Kind.ShouldBe(CustomerKind.Company);
        input.LegalName.ShouldBe("Acme Comércio Ltda");
        input.Country.ShouldBe("BR");
        input.TaxId.ShouldBe("11222333000181");
        input.Email.ShouldBe("vendas@acme.com.br");
        input.Phone.ShouldBe("+5511987654321");
        input.Website.ShouldBe("https://acme.com.br");
        input.Size.ShouldBe("small");
        input.Segments.ShouldBe(["varejo", "sul"]);
        input.Currency.ShouldBe("BRL");
        input.FiscalAddress!.Kind.ShouldBe("fiscal");
        input.Addresses.Single().Country.ShouldBe("BR");
    }

    [Fact]
    public void An_empty_document_names_every_required_field()
    {
        var (input, errors) = Read("{}");

        input.ShouldBeNull();
        errors.Keys.ShouldBe(["kind", "legalName", "country", "taxId"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("""{ "nickname": "x" }""", "nickname")]
    [InlineData("""{ "legalName": 5 }""", "legalName")]
    [InlineData("""{ "legalName": "A\u0000B" }""", "legalName")]
    [InlineData("""{ "email": "not-an-email" }""", "email")]
    [InlineData("""{ "phone": "12ab34" }""", "phone")]
    [InlineData("""{ "website": "ftp://acme.com" }""", "website")]
    [InlineData("""{ "size": "huge" }""", "size")]
    [InlineData("""{ "segments": ["ok", "<script>"] }""", "segments[1]")]
    [InlineData("""{ "creditLimit": -1, "currency": "BRL" }""", "creditLimit")]
    [InlineData("""{ "creditLimit": 10.123, "currency": "BRL" }""", "creditLimit")]
    [InlineData("""{ "creditLimit": 10 }""", "currency")]
    [InlineData("""{ "paymentTermsDays": 400 }""", "paymentTermsDays")]
    [InlineData("""{ "customAttributes": { "colour": "red" } }""", "customAttributes.colour")]
    [InlineData("""{ "customAttributes": { "erpCode": "TOOLONG" } }""", "customAttributes.erpCode")]
    [InlineData("""{ "customAttributes": { "employees": 1.5 } }""", "customAttributes.employees")]
    [InlineData("""{ "customAttributes": { "window": "night" } }""", "customAttributes.window")]
    [InlineData("""{ "customAttributes": { "renewal": "2026-02-30" } }""", "customAttributes.renewal")]
    [InlineData("""{ "fiscal": { "verifiedAt": "2099-01-01T00:00:00Z" } }""", "fiscal.verifiedAt")]
    [InlineData("""{ "fiscal": { "address": { "line1": "x", "city": "y", "country": "ZZ" } } }""", "fiscal.address.country")]
    [InlineData("""{ "addresses": [ { "kind": "home", "line1": "x", "city": "y", "country": "BR" } ] }""", "addresses[0].kind")]
    [InlineData("""{ "addresses": [ { "kind": "billing", "city": "y", "country": "BR" } ] }""", "addresses[0].line1")]
    [InlineData("""{ "stage": "champion" }""", "stage")]
    public void Each_bad_value_is_named_by_its_field(string extra, string field)
    {
        var document = JsonNode.Parse("""{ "kind": "company", "legalName": "Acme", "country": "BR", "taxId": "11222333000181" }""")!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(extra)!.AsObject())
        {
            document[name] = value?.DeepClone();
        }

        var (input, errors) = Read(document.ToJsonString());

        input.ShouldBeNull();
        errors.Keys.ShouldContain(field);
    }

    [Fact]
    public void An_oversize_name_is_refused_without_echoing_it()
    {
        var (_, errors) = Read($$"""{ "kind": "company", "legalName": "{{new string('a', 201)}}", "country": "DE", "taxId": "DE123" }""");

        errors["legalName"].Single().ShouldBe("Longer than 200 characters.");
    }

    [Fact]
    public void A_blank_trade_name_is_no_trade_name()
    {
        var (input, _) = Read("""{ "kind": "company", "legalName": "Acme", "tradeName": "  ", "country": "DE", "taxId": "DE123" }""");

        input!.TradeName.ShouldBeNull();
    }

    [Theory]
    [InlineData(0xD800)] // a lone high surrogate: UTF-8 cannot encode it (an attribute cannot even hold it, hence the code)
    [InlineData(0xDC00)]
    [InlineData(0x0009)]
    [InlineData(0x0000)]
    public void Text_that_cannot_be_stored_cleanly_is_refused(int code)
    {
        var errors = new FieldErrors();

        Text.Clean("A" + (char)code + "B", "name", 100, errors).ShouldBeNull();
        errors.Has("name").ShouldBeTrue();
    }
}
