namespace CrmPlatform.Customers.Fiscal;

/// <summary>
/// CNP (Cod Numeric Personal), the Romanian tax id of a person: S YYMMDD JJ NNN C.
/// </summary>
/// <remarks>
/// <para>S gives sex and century: 1/2 born 1900–1999, 3/4 1800–1899, 5/6 2000–2099. 7/8 (resident foreigners)
/// and 9 (other foreigners) carry no century: the 2000s are taken unless that puts the birth after today, then
/// the 1900s. Either way the date must exist; only for YY = 00 does the choice decide (2000 is a leap year, 1900 not).</para>
/// <para>JJ is where the code was issued: see <see cref="IsPlaceCode"/>.</para>
/// </remarks>
internal static class RomanianCnp
{
    public const int Length = 13;

    private static readonly int[] _controlKey = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

    public static TaxIdCheck Check(string canonical, string echo, DateOnly today)
    {
        if (canonical.Length != Length || !TaxIdText.IsAllDigits(canonical))
        {
            return Refuse(echo, RomanianCui.LooksLikeOne(canonical)
                ? "a person's Romanian tax id is a CNP (13 digits); this looks like a CUI, which is for companies"
                : "a CNP has 13 digits");
        }

        var sexAndCentury = canonical[0] - '0';
        if (sexAndCentury == 0)
        {
            return Refuse(echo, "its first digit (sex and century) must be 1 to 9");
        }

        if (BirthDate(canonical, sexAndCentury, today) is not { } birthDate)
        {
            return Refuse(echo, $"digits 2 to 7 ({canonical[1..7]}, YYMMDD) are not a date");
        }

        if (birthDate > today)
        {
            return Refuse(echo, $"its birth date {birthDate:yyyy-MM-dd} is in the future");
        }

        if (!IsPlaceCode(TwoDigits(canonical, 7)))
        {
            return Refuse(echo, $"digits 8 and 9 ({canonical[7..9]}) are not a county code");
        }

        if (canonical.AsSpan(9, 3) is "000")
        {
            return Refuse(echo, "its serial number (digits 10 to 12) cannot be 000");
        }

        return ControlDigit(canonical) == canonical[12] - '0'
            ? TaxIdCheck.Valid(canonical, TaxIdSchemes.Cnp)
            : Refuse(echo, "its control digit does not match");
    }

    /// <summary>
    /// 01–40 counties (40 Bucharest), 41–46 Bucharest sectors 1–6, 47–48 the abolished sectors 7–8, 51 Călărași,
    /// 52 Giurgiu. 70: every CNP generated since 8 May 2024, when the integrated civil-status system replaced the
    /// county (Ministerul Afacerilor Interne, "Precizări în ceea ce privește generarea codului numeric personal",
    /// mai.gov.ro). 80–83: listed, unexplained, in Romania's TIN sheet published by the OECD (romania-tin.pdf);
    /// accepted because refusing a real person costs more than the control digit leaves at risk.
    /// </summary>
    private static bool IsPlaceCode(int code) => code is (>= 1 and <= 48) or 51 or 52 or 70 or (>= 80 and <= 83);

    private static DateOnly? BirthDate(string cnp, int sexAndCentury, DateOnly today)
    {
        var year = TwoDigits(cnp, 1);
        var month = TwoDigits(cnp, 3);
        var day = TwoDigits(cnp, 5);
        return sexAndCentury switch
        {
            1 or 2 => DateOrNull(1900 + year, month, day),
            3 or 4 => DateOrNull(1800 + year, month, day),
            5 or 6 => DateOrNull(2000 + year, month, day),
            _ => DateOrNull(2000 + year, month, day) is { } recent && recent <= today
                ? recent
                : DateOrNull(1900 + year, month, day),
        };
    }

    private static DateOnly? DateOrNull(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    private static int TwoDigits(string digits, int start) => ((digits[start] - '0') * 10) + (digits[start + 1] - '0');

    /// <summary>Sum of the first 12 digits times the key 279146358279, mod 11; 10 becomes 1.</summary>
    private static int ControlDigit(string cnp)
    {
        var sum = 0;
        for (var i = 0; i < _controlKey.Length; i++)
        {
            sum += (cnp[i] - '0') * _controlKey[i];
        }

        var remainder = sum % 11;
        return remainder == 10 ? 1 : remainder;
    }

    private static TaxIdCheck Refuse(string echo, string reason) => TaxIds.Refuse(TaxIdSchemes.Cnp, echo, reason);
}
