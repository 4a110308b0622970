using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Fiscal;

namespace CrmPlatform.UnitTests.Customers;

public sealed class RomanianCuiTests
{
    private static TaxIdCheck Company(string raw) =>
        TaxIds.Validate("RO", CustomerKind.Company, raw, new DateOnly(2026, 11, 23));

    [Theory]
    [InlineData("18547290", "18547290")]
    [InlineData("RO18547290", "18547290")]
    [InlineData(" ro 185 472 90 ", "18547290")]
    [InlineData("RO-18547290", "18547290")]
    [InlineData("19", "19")]
    [InlineData("230", "230")]
    [InlineData("RO 1234565", "1234565")]
    [InlineData("10000008", "10000008")]
    [InlineData("1234567897", "1234567897")]
    public void A_valid_cui_is_stored_as_digits_whether_or_not_it_carries_the_vat_prefix(string raw, string canonical)
    {
        var check = Company(raw);

        check.IsValid.ShouldBeTrue();
        check.Canonical.ShouldBe(canonical);
        check.Scheme.ShouldBe(TaxIdSchemes.Cui);
    }

    [Theory]
    [InlineData("18547291")]
    [InlineData("RO18547299")]
    [InlineData("18574290")]
    public void A_cui_with_a_wrong_control_digit_says_so(string raw) =>
        Company(raw).Error.ShouldBe($"'{raw}' is not a valid CUI: its control digit does not match.");

    [Theory]
    [InlineData("1")]
    [InlineData("RO")]
    [InlineData("RO1")]
    [InlineData("12345678901")]
    [InlineData("1854A290")]
    [InlineData("18547290RO")]
    [InlineData("DE18547290")]
    public void A_cui_has_two_to_ten_digits_after_an_optional_ro(string raw) =>
        Company(raw).Error.ShouldBe($"'{raw}' is not a valid CUI: a CUI has 2 to 10 digits, optionally after 'RO'.");

    [Theory]
    [InlineData("018547290")]
    [InlineData("RO 00")]
    public void A_cui_does_not_start_with_zero(string raw) =>
        Company(raw).Error.ShouldBe($"'{raw}' is not a valid CUI: a CUI does not start with 0.");

    [Theory]
    [InlineData("1850315121232")]
    [InlineData("RO1850315121232")]
    public void A_company_given_a_cnp_is_told_that_companies_have_a_cui(string raw) =>
        Company(raw).Error.ShouldBe(
            $"'{raw}' is not a valid CUI: a company's Romanian tax id is a CUI (2 to 10 digits, optionally after 'RO'); this looks like a CNP, which is for people.");
}
