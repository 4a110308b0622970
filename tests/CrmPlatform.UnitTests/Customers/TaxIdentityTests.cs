using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Fiscal;

namespace CrmPlatform.UnitTests.Customers;

public sealed class TaxIdentityTests
{
    [Theory]
    [InlineData("12.345.678/0001-95", "12345678000195")]
    [InlineData("123.456.789-09", "12345678909")]
    [InlineData(" ro 185 472 90 ", "RO18547290")]
    [InlineData("12.ABC.345/01DE-35", "12ABC34501DE35")]
    public void Punctuation_and_case_do_not_make_another_identity(string input, string canonical) =>
        TaxIdentity.Normalize(input).ShouldBe(canonical);

    [Fact]
    public void The_country_list_holds_the_249_assigned_codes()
    {
        Countries.Count.ShouldBe(249);
        Countries.IsAssigned("BR").ShouldBeTrue();
        Countries.IsAssigned("RO").ShouldBeTrue();
        Countries.IsAssigned("UK").ShouldBeFalse();
    }
}
