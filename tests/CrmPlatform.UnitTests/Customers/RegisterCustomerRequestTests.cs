using CrmPlatform.Customers.Accounts;

namespace CrmPlatform.UnitTests.Customers;

public sealed class RegisterCustomerRequestTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_complete_request_gives_a_normalised_customer()
    {
        var request = new RegisterCustomerRequest(" Company ", "  Acme Comércio Ltda ", " Acme ", "br", "12.345.678/0001-95");

        var (customer, errors) = request.Validate(_now);

        errors.ShouldBeEmpty();
        customer.ShouldNotBeNull();
        customer.Kind.ShouldBe(CustomerKind.Company);
        customer.LegalName.ShouldBe("Acme Comércio Ltda");
        customer.TradeName.ShouldBe("Acme");
        customer.Country.ShouldBe("BR");
        customer.TaxId.ShouldBe("12345678000195");
        customer.RegisteredAt.ShouldBe(_now);
        customer.Id.Version.ShouldBe(7);
    }

    [Fact]
    public void An_empty_request_names_every_required_field()
    {
        var (customer, errors) = new RegisterCustomerRequest(null, null, null, null, null).Validate(_now);

        customer.ShouldBeNull();
        errors.Keys.ShouldBe(["kind", "legalName", "country", "taxId"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("company,person")]
    [InlineData("partnership")]
    public void Only_the_kind_names_are_kinds(string kind)
    {
        var (_, errors) = new RegisterCustomerRequest(kind, "Acme", null, "RO", "RO18547290").Validate(_now);

        errors.Keys.ShouldBe(["kind"]);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("BRA")]
    [InlineData("B")]
    [InlineData("1A")]
    public void A_country_must_be_an_assigned_alpha_2_code(string country)
    {
        var (_, errors) = new RegisterCustomerRequest("person", "Ana Pop", null, country, "1960101221144").Validate(_now);

        errors.Keys.ShouldBe(["country"]);
    }

    [Theory]
    [InlineData("./-")]
    [InlineData("1")]
    [InlineData("123456789012345678901")]
    public void A_tax_id_needs_two_to_twenty_letters_or_digits(string taxId)
    {
        var (_, errors) = new RegisterCustomerRequest("company", "Acme", null, "DE", taxId).Validate(_now);

        errors.Keys.ShouldBe(["taxId"]);
    }

    [Fact]
    public void An_oversize_name_is_refused_without_echoing_it()
    {
        var (_, errors) = new RegisterCustomerRequest("company", new string('a', 201), new string('b', 201), "BR", "11222333000181").Validate(_now);

        errors.Keys.ShouldBe(["legalName", "tradeName"], ignoreOrder: true);
        errors["legalName"].Single().Length.ShouldBeLessThan(100);
    }

    [Fact]
    public void A_blank_trade_name_is_no_trade_name()
    {
        var (customer, _) = new RegisterCustomerRequest("company", "Acme", "   ", "BR", "11222333000181").Validate(_now);

        customer!.TradeName.ShouldBeNull();
    }
}
