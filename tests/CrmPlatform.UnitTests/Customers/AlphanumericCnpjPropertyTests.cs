using System.Globalization;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Fiscal;

namespace CrmPlatform.UnitTests.Customers;

/// <summary>
/// The CNPJ check digits, computed here from the Receita Federal's description, against random bases.
/// </summary>
public sealed class AlphanumericCnpjPropertyTests
{
    private const string BaseAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    private static readonly int[] _firstWeights = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    private static readonly int[] _secondWeights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

    [Fact]
    public void Every_base_with_its_computed_check_digits_is_accepted()
    {
        foreach (var cnpj in RandomCnpjs(count: 500))
        {
            var check = Validate(cnpj);

            check.IsValid.ShouldBeTrue(cnpj);
            check.Canonical.ShouldBe(cnpj);
        }
    }

    [Fact]
    public void A_single_substitution_is_accepted_exactly_when_the_check_digits_still_match()
    {
        foreach (var (original, changed) in SingleSubstitutions(RandomCnpjs(count: 60)))
        {
            Validate(changed).IsValid.ShouldBe(changed == WithCheckDigits(changed[..12]), $"{original} → {changed}");
        }
    }

    /// <summary>
    /// Mod 11 does not catch every single substitution, so the property is about which ones slip through. A change
    /// moves each weighted sum by weight × (value difference); with weights 2 to 9 and 11 prime, that is invisible
    /// when the difference is a multiple of 11, which only letters allow ('6'/'A', '0'/'F', 'A'/'L'). Otherwise
    /// both remainders move, and the digits stay only if each lands on the pair 0/1, which both give check digit 0:
    /// so only a CNPJ ending in 00 can hide it. Rare in numeric CNPJs; 6 % of substitutions in alphanumeric ones.
    /// </summary>
    [Fact]
    public void A_substitution_goes_unnoticed_only_between_values_eleven_apart_or_when_the_check_digits_are_00()
    {
        var unnoticed = 0;
        foreach (var (original, changed) in SingleSubstitutions(RandomCnpjs(count: 200).Concat(NumericCnpjsEndingIn00())))
        {
            if (!Validate(changed).IsValid)
            {
                continue;
            }

            unnoticed++;
            var position = Enumerable.Range(0, 14).Single(i => original[i] != changed[i]);
            var elevenApart = (changed[position] - original[position]) % 11 == 0;
            (elevenApart || original.EndsWith("00", StringComparison.Ordinal)).ShouldBeTrue($"{original} → {changed}");
        }

        unnoticed.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("12.ABC.345/01DE-35", "12.ABC.345/F1DE-35", "'0' and 'F' are worth 0 and 22")]
    [InlineData("11.222.333/0045-00", "31.222.333/0045-00", "both remainders move between 0 and 1")]
    public void The_known_blind_spots_exist(string original, string changed, string because)
    {
        Validate(original).IsValid.ShouldBeTrue();
        Validate(changed).IsValid.ShouldBeTrue(because);
    }

    private static TaxIdCheck Validate(string raw) => TaxIds.Validate("BR", CustomerKind.Company, raw, new DateOnly(2026, 11, 23));

    private static IEnumerable<string> RandomCnpjs(int count)
    {
        var random = new Random(20260701);
        for (var i = 0; i < count; i++)
        {
            var body = new char[12];
            for (var j = 0; j < body.Length; j++)
            {
                body[j] = BaseAlphabet[random.Next(BaseAlphabet.Length)];
            }

            yield return WithCheckDigits(new string(body));
        }
    }

    private static IEnumerable<string> NumericCnpjsEndingIn00() =>
        Enumerable.Range(0, 5_000)
            .Select(i => WithCheckDigits((112_223_330_000L + i).ToString("D12", CultureInfo.InvariantCulture)))
            .Where(cnpj => cnpj.EndsWith("00", StringComparison.Ordinal))
            .Take(20);

    private static IEnumerable<(string Original, string Changed)> SingleSubstitutions(IEnumerable<string> cnpjs)
    {
        foreach (var cnpj in cnpjs)
        {
            for (var position = 0; position < cnpj.Length; position++)
            {
                foreach (var replacement in position < 12 ? BaseAlphabet : Digits)
                {
                    if (replacement != cnpj[position])
                    {
                        yield return (cnpj, string.Concat(cnpj.AsSpan(0, position), [replacement], cnpj.AsSpan(position + 1)));
                    }
                }
            }
        }
    }

    private static string WithCheckDigits(string body)
    {
        var withFirst = body + CheckDigit(body, _firstWeights);
        return withFirst + CheckDigit(withFirst, _secondWeights);
    }

    private static int CheckDigit(string body, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            sum += (body[i] - 48) * weights[i];
        }

        return sum % 11 < 2 ? 0 : 11 - (sum % 11);
    }
}
