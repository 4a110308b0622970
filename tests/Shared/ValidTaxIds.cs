namespace CrmPlatform.Tests.Shared;

/// <summary>
/// Fresh, valid tax ids for test data, so tests can share a database without colliding. Computed
/// here independently of the service's validators (which have their own tests against published
/// examples), so a validator bug cannot hide behind generated data.
/// </summary>
public static class ValidTaxIds
{
    private const string Alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>An alphanumeric CNPJ (Brazilian company): 12 random characters and 2 check digits.</summary>
    public static string Cnpj()
    {
        var random = Random.Shared;
        var body = new char[12];
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = Alphanumerics[random.Next(Alphanumerics.Length)];
        }

        var first = CnpjDigit(body, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
        var second = CnpjDigit([.. body, first], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
        return new string(body) + first + second;
    }

    /// <summary>A Romanian CUI (company): 8 digits and the control digit (key 753217532).</summary>
    public static string Cui()
    {
        var digits = Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        int[] key = [7, 5, 3, 2, 1, 7, 5, 3, 2];
        var padded = digits.PadLeft(9, '0');
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (padded[i] - '0') * key[i];
        }

        var control = sum * 10 % 11;
        return digits + (control == 10 ? 0 : control);
    }

    private static char CnpjDigit(char[] characters, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (characters[i] - '0') * weights[i];
        }

        var remainder = sum % 11;
        return (char)('0' + (remainder < 2 ? 0 : 11 - remainder));
    }
}
