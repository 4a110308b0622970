using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Fiscal;

namespace CrmPlatform.UnitTests.Customers;

/// <summary>Every CNP here is made up; each has a matching control digit unless the test is about it.</summary>
public sealed class RomanianCnpTests
{
    private static readonly DateOnly _today = new(2026, 11, 23);

    private static TaxIdCheck Person(string raw) => TaxIds.Validate("RO", CustomerKind.Person, raw, _today);

    [Theory]
    [InlineData("1850315121232", "a man born 1985-03-15 in Cluj")]
    [InlineData("2850315121234", "a woman born 1985-03-15 in Cluj")]
    [InlineData("3991231409991", "a man born 1899-12-31 in Bucharest")]
    [InlineData("5000229040011", "a man born 2000-02-29, a leap day")]
    [InlineData("6000229040011", "a woman born 2000-02-29")]
    [InlineData("5040229120012", "a man born 2004-02-29")]
    [InlineData("6261123120014", "a woman born today")]
    [InlineData("1850315120021", "a control sum of 10, written as 1")]
    public void A_valid_cnp_is_accepted(string raw, string because)
    {
        var check = Person(raw);

        check.IsValid.ShouldBeTrue(because);
        check.Canonical.ShouldBe(raw);
        check.Scheme.ShouldBe(TaxIdSchemes.Cnp);
    }

    [Fact]
    public void A_cnp_may_be_written_in_groups() =>
        Person("1 850315 12 123 2").Canonical.ShouldBe("1850315121232");

    [Theory]
    [InlineData("7000229123457", "2000-02-29")]
    [InlineData("7070707070700", "2007-07-07")]
    [InlineData("7261124120019", "1926-11-24: in the 2000s it would be tomorrow")]
    [InlineData("9341212700018", "1934-12-12: in the 2000s it would be 2034")]
    public void A_foreigners_cnp_takes_the_latest_century_that_is_not_in_the_future(string raw, string because) =>
        Person(raw).IsValid.ShouldBeTrue(because);

    [Theory]
    [InlineData("1790101460017", "Bucharest sector 6")]
    [InlineData("1010101470014", "Bucharest sector 7, abolished")]
    [InlineData("1010101480011", "Bucharest sector 8, abolished")]
    [InlineData("1010101510015", "Călărași")]
    [InlineData("1010101520012", "Giurgiu")]
    [InlineData("1010101700017", "any CNP generated since May 2024")]
    [InlineData("1010101800011", "in the OECD's TIN sheet")]
    [InlineData("1010101830013", "in the OECD's TIN sheet")]
    public void Every_county_code_in_use_is_accepted(string raw, string place) =>
        Person(raw).IsValid.ShouldBeTrue(place);

    [Theory]
    [InlineData("1850315001233", "00")]
    [InlineData("1850315491237", "49")]
    [InlineData("1850315501236", "50")]
    [InlineData("1850315531238", "53")]
    [InlineData("1850315691236", "69")]
    [InlineData("1850315711232", "71")]
    [InlineData("1850315791230", "79")]
    [InlineData("1850315841239", "84")]
    [InlineData("1850315991231", "99")]
    public void A_code_that_is_no_county_is_refused(string raw, string county) =>
        Person(raw).Error.ShouldBe($"'{raw}' is not a valid CNP: digits 8 and 9 ({county}) are not a county code.");

    [Fact]
    public void A_cnp_with_a_wrong_control_digit_says_so() =>
        Person("1850315121233").Error.ShouldBe("'1850315121233' is not a valid CNP: its control digit does not match.");

    [Theory]
    [InlineData("0850315121232")]
    [InlineData("0000000000000")]
    public void The_first_digit_cannot_be_zero(string raw) =>
        Person(raw).Error.ShouldBe($"'{raw}' is not a valid CNP: its first digit (sex and century) must be 1 to 9.");

    [Theory]
    [InlineData("1851315121233", "851315", "month 13")]
    [InlineData("1850332121235", "850332", "March 32")]
    [InlineData("1850230121236", "850230", "February 30")]
    [InlineData("1010229121231", "010229", "1901 is no leap year")]
    [InlineData("1000229121233", "000229", "1900 is no leap year")]
    [InlineData("7010229121232", "010229", "neither 2001 nor 1901 is a leap year")]
    [InlineData("1300229121232", "300229", "1930 is no leap year")]
    public void The_birth_date_must_exist(string raw, string digits, string because) =>
        Person(raw).Error.ShouldBe($"'{raw}' is not a valid CNP: digits 2 to 7 ({digits}, YYMMDD) are not a date.", because);

    [Theory]
    [InlineData("6301130121231", "2030-11-30")]
    [InlineData("5991231121236", "2099-12-31")]
    public void The_birth_date_cannot_be_in_the_future(string raw, string date) =>
        Person(raw).Error.ShouldBe($"'{raw}' is not a valid CNP: its birth date {date} is in the future.");

    [Fact]
    public void Tomorrow_is_in_the_future() =>
        TaxIds.Validate("RO", CustomerKind.Person, "6261123120014", new DateOnly(2026, 11, 22))
            .Error.ShouldEndWith("its birth date 2026-11-23 is in the future.");

    [Fact]
    public void The_serial_number_cannot_be_zero() =>
        Person("1850315120003").Error.ShouldBe("'1850315120003' is not a valid CNP: its serial number (digits 10 to 12) cannot be 000.");

    [Theory]
    [InlineData("185031512123")]
    [InlineData("18503151212321")]
    [InlineData("185031512123A")]
    public void A_cnp_has_thirteen_digits(string raw) =>
        Person(raw).Error.ShouldBe($"'{raw}' is not a valid CNP: a CNP has 13 digits.");

    [Theory]
    [InlineData("RO18547290")]
    [InlineData("18547290")]
    public void A_person_given_a_cui_is_told_that_people_have_a_cnp(string raw) =>
        Person(raw).Error.ShouldBe(
            $"'{raw}' is not a valid CNP: a person's Romanian tax id is a CNP (13 digits); this looks like a CUI, which is for companies.");
}
