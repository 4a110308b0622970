using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Fiscal;

namespace CrmPlatform.UnitTests.Customers;

public sealed class BrazilianTaxIdTests
{
    private static readonly DateOnly _today = new(2026, 11, 23);

    private static TaxIdCheck Person(string raw) => TaxIds.Validate("BR", CustomerKind.Person, raw, _today);

    private static TaxIdCheck Company(string raw) => TaxIds.Validate("BR", CustomerKind.Company, raw, _today);

    [Theory]
    [InlineData("123.456.789-09", "12345678909")]
    [InlineData("529.982.247-25", "52998224725")]
    [InlineData("111 444 777 35", "11144477735")]
    [InlineData("000.000.001-91", "00000000191")]
    [InlineData("100.000.001-08", "10000000108")]
    [InlineData("98765432100", "98765432100")]
    public void A_person_with_a_valid_cpf_gets_its_digits(string raw, string canonical)
    {
        var check = Person(raw);

        check.IsValid.ShouldBeTrue();
        check.Canonical.ShouldBe(canonical);
        check.Scheme.ShouldBe(TaxIdSchemes.Cpf);
    }

    [Fact]
    public void A_cpf_with_wrong_check_digits_says_so()
    {
        var check = Person("123.456.789-00");

        check.IsValid.ShouldBeFalse();
        check.Error.ShouldBe("'123.456.789-00' is not a valid CPF: check digits do not match.");
        check.Scheme.ShouldBe(TaxIdSchemes.Cpf);
    }

    [Theory]
    [InlineData("123.456.789-19")]
    [InlineData("123.456.789-08")]
    [InlineData("213.456.789-09")]
    public void Either_cpf_check_digit_can_be_wrong(string raw) =>
        Person(raw).Error.ShouldEndWith(": check digits do not match.");

    [Theory]
    [InlineData("000.000.000-00")]
    [InlineData("111.111.111-11")]
    [InlineData("555.555.555-55")]
    [InlineData("999.999.999-99")]
    public void A_cpf_of_one_repeated_digit_is_refused_even_though_its_check_digits_match(string raw) =>
        Person(raw).Error.ShouldBe($"'{raw}' is not a valid CPF: a CPF is not one digit repeated.");

    [Theory]
    [InlineData("123.456.789-0")]
    [InlineData("123.456.789-091")]
    [InlineData("1234567890A")]
    [InlineData("CPF")]
    public void A_cpf_has_eleven_digits(string raw) =>
        Person(raw).Error.ShouldBe($"'{raw}' is not a valid CPF: a CPF has 11 digits.");

    [Fact]
    public void A_person_given_a_cnpj_is_told_that_people_have_a_cpf() =>
        Person("11.222.333/0001-81").Error.ShouldBe(
            "'11.222.333/0001-81' is not a valid CPF: a person's Brazilian tax id is a CPF (11 digits); this looks like a CNPJ, which is for companies.");

    [Theory]
    [InlineData("11.222.333/0001-81", "11222333000181")]
    [InlineData("12.345.678/0001-95", "12345678000195")]
    [InlineData("00.000.000/0001-91", "00000000000191")]
    [InlineData("12.ABC.345/01DE-35", "12ABC34501DE35")]
    [InlineData("12.abc.345/01de-35", "12ABC34501DE35")]
    [InlineData("A1B2C3D4E5F668", "A1B2C3D4E5F668")]
    [InlineData("ZZ.ZZZ.ZZZ/ZZZZ-62", "ZZZZZZZZZZZZ62")]
    public void A_company_with_a_valid_numeric_or_alphanumeric_cnpj_gets_its_canonical_form(string raw, string canonical)
    {
        var check = Company(raw);

        check.IsValid.ShouldBeTrue();
        check.Canonical.ShouldBe(canonical);
        check.Scheme.ShouldBe(TaxIdSchemes.Cnpj);
    }

    [Theory]
    [InlineData("11.222.333/0001-80")]
    [InlineData("11.222.333/0001-91")]
    [InlineData("12.ABC.345/01DE-53")]
    [InlineData("12.ABD.345/01DE-35")]
    public void A_cnpj_with_wrong_check_digits_says_so(string raw) =>
        Company(raw).Error.ShouldBe($"'{raw}' is not a valid CNPJ: check digits do not match.");

    [Theory]
    [InlineData("00.000.000/0000-00")]
    [InlineData("11.111.111/1111-11")]
    [InlineData("99999999999999")]
    public void A_cnpj_of_one_repeated_character_is_refused(string raw) =>
        Company(raw).Error.ShouldBe($"'{raw}' is not a valid CNPJ: a CNPJ is not one character repeated.");

    [Theory]
    [InlineData("12.ABC.345/01DE-3A")]
    [InlineData("12.ABC.345/01DE-A5")]
    [InlineData("AAAAAAAAAAAAAA")]
    public void The_last_two_characters_of_a_cnpj_must_be_digits(string raw) =>
        Company(raw).Error.ShouldBe($"'{raw}' is not a valid CNPJ: its last 2 characters are check digits, so they must be digits.");

    [Theory]
    [InlineData("11.222.333/0001-8")]
    [InlineData("11.222.333/0001-811")]
    [InlineData("1234567890")]
    public void A_cnpj_has_fourteen_characters(string raw) =>
        Company(raw).Error.ShouldBe($"'{raw}' is not a valid CNPJ: a CNPJ has 14 characters: 12 letters or digits, then 2 check digits.");

    [Fact]
    public void A_company_given_a_cpf_is_told_that_companies_have_a_cnpj() =>
        Company("123.456.789-09").Error.ShouldBe(
            "'123.456.789-09' is not a valid CNPJ: a company's Brazilian tax id is a CNPJ (14 characters); this looks like a CPF, which is for people.");
}
