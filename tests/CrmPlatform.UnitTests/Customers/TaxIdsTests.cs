using System.Text;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Fiscal;

namespace CrmPlatform.UnitTests.Customers;

public sealed class TaxIdsTests
{
    private static readonly DateOnly _today = new(2026, 11, 23);

    [Theory]
    [InlineData("BR", CustomerKind.Person, null)]
    [InlineData("BR", CustomerKind.Company, "")]
    [InlineData("RO", CustomerKind.Person, "   ")]
    [InlineData("RO", CustomerKind.Company, "\t")]
    [InlineData("DE", CustomerKind.Company, " \u00A0 ")]
    public void A_missing_tax_id_is_required_in_every_country(string country, CustomerKind kind, string? raw)
    {
        var check = TaxIds.Validate(country, kind, raw, _today);

        check.IsValid.ShouldBeFalse();
        check.Canonical.ShouldBeNull();
        check.Error.ShouldBe("Tax id is required.");
    }

    [Theory]
    [InlineData("DE", "DE 123 456 789", "DE123456789")]
    [InlineData("FR", "fr-12.345/678", "FR12345678")]
    [InlineData("US", "12-3456789", "123456789")]
    [InlineData("PT", "12", "12")]
    [InlineData("GB", "ABCDEFGHIJ0123456789", "ABCDEFGHIJ0123456789")]
    public void Other_countries_only_normalise_the_value(string country, string raw, string canonical)
    {
        var check = TaxIds.Validate(country, CustomerKind.Company, raw, _today);

        check.IsValid.ShouldBeTrue();
        check.Canonical.ShouldBe(canonical);
        check.Scheme.ShouldBe(TaxIdSchemes.Other);
        check.Error.ShouldBeNull();
    }

    [Theory]
    [InlineData("1")]
    [InlineData("./-")]
    [InlineData("ABCDEFGHIJ01234567890")]
    public void Other_countries_want_two_to_twenty_letters_or_digits(string raw)
    {
        var check = TaxIds.Validate("DE", CustomerKind.Person, raw, _today);

        check.Error.ShouldBe($"'{raw}' is not a valid tax id: it must have 2 to 20 letters or digits.");
        check.Scheme.ShouldBe(TaxIdSchemes.Other);
    }

    [Fact]
    public void Elsewhere_the_kind_of_customer_makes_no_difference()
    {
        var company = TaxIds.Validate("IT", CustomerKind.Company, "IT 0123456789", _today);
        var person = TaxIds.Validate("IT", CustomerKind.Person, "IT 0123456789", _today);

        person.ShouldBe(company);
    }

    [Theory]
    [InlineData("DE", CustomerKind.Company, "12#34", "'#'")]
    [InlineData("DE", CustomerKind.Company, "A&B1", "'&'")]
    [InlineData("BR", CustomerKind.Person, "123.456.789_09", "'_'")]
    [InlineData("RO", CustomerKind.Company, "18547290\u0000", "U+0000")]
    [InlineData("RO", CustomerKind.Person, "1850315121232ß", "'ß'")]
    public void Characters_other_than_letters_digits_and_separators_are_refused_by_name(
        string country, CustomerKind kind, string raw, string shown)
    {
        var check = TaxIds.Validate(country, kind, raw, _today);

        check.IsValid.ShouldBeFalse();
        check.Error.ShouldEndWith($": {shown} is not a letter, a digit or a separator (space, dot, dash, slash).");
    }

    [Fact]
    public void Copy_pasted_separators_such_as_non_breaking_spaces_and_en_dashes_are_accepted()
    {
        var check = TaxIds.Validate("BR", CustomerKind.Person, "123\u00A0456.789\u201309", _today);

        check.Canonical.ShouldBe("12345678909");
    }

    [Fact]
    public void An_error_quotes_at_most_forty_characters_of_the_value()
    {
        var check = TaxIds.Validate("DE", CustomerKind.Company, new string('X', 500), _today);

        check.Error.ShouldBe($"'{new string('X', 40)}…' is not a valid tax id: it must have 2 to 20 letters or digits.");
    }

    [Fact]
    public void The_quote_is_never_cut_between_the_halves_of_a_surrogate_pair()
    {
        var raw = new string('A', 39) + "😀BBBB";

        var error = TaxIds.Validate("DE", CustomerKind.Company, raw, _today).Error!;

        error.ShouldStartWith($"'{new string('A', 39)}…'");
        Should.NotThrow(() => new UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(error));
    }

    [Fact]
    public void A_kind_that_is_not_defined_is_a_programming_error_where_the_kind_picks_the_scheme() =>
        Should.Throw<ArgumentOutOfRangeException>(() => TaxIds.Validate("BR", (CustomerKind)42, "12345678909", _today));

    [Fact]
    public void Without_a_date_today_is_used()
    {
        TaxIds.Validate("RO", CustomerKind.Person, "1850315121232").IsValid.ShouldBeTrue();
        TaxIds.Validate("RO", CustomerKind.Person, "5991231121236").Error.ShouldEndWith("is in the future.");
    }
}
