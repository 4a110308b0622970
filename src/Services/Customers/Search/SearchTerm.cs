using CrmPlatform.Customers.Fiscal;

namespace CrmPlatform.Customers.Search;

/// <summary>
/// What <c>q</c> looks for in <c>search_text</c>: the query folded like the stored text (so "SÃO joão"
/// finds "São João"), and when it looks like a formatted tax id ("12.345.678/0001-95") also its
/// canonical form, because search_text holds tax ids without punctuation.
/// </summary>
public sealed record SearchTerm(string Folded, string? CanonicalTaxId)
{
    /// <summary>pg_trgm indexes 3-character pieces of words: with fewer letters or digits the index cannot narrow anything.</summary>
    public const int MinLettersOrDigits = 3;

    public const int MaxLength = 200;

    private const string TaxIdSeparators = ".-/ ";

    /// <summary>Shorter words ("com", "616" of a formatted tax id) are in too many customers to look up alone.</summary>
    private const int MinIndexWord = 5;

    private const int MinGuessedIndexWord = 6;

    public static SearchTerm From(string query)
    {
        var folded = SearchText.Fold(query);
        return new SearchTerm(folded, LooksLikeTaxId(query) && TaxIdentity.Normalize(query).ToLowerInvariant() is { } canonical
            && canonical != folded && canonical.Length >= MinLettersOrDigits ? canonical : null);
    }

    public static int LettersOrDigits(string text) => text.Count(char.IsLetterOrDigit);

    /// <summary>The texts looked for, any of which matches: the folded query, and the canonical tax id when there is one.</summary>
    public IReadOnlyList<string> Texts => CanonicalTaxId is null ? [Folded] : [Folded, CanonicalTaxId];

    /// <summary>
    /// A LIKE pattern finding <paramref name="text"/> anywhere, with LIKE's own characters escaped so
    /// that "100%" or "a_b" are looked for literally (backslash is PostgreSQL's default LIKE escape).
    /// </summary>
    public static string ContainsPattern(string text) => Contains(text);

    /// <summary>
    /// For each of <see cref="Texts"/>, the word the index looks up alone instead of the whole text, or
    /// null for the whole text. Set by the search from the statistics (the rarest word); without them,
    /// <see cref="IndexWord"/> guesses (the longest).
    /// </summary>
    public IReadOnlyList<string?>? IndexWords { get; init; }

    /// <summary>
    /// The words (runs of 5 or more letters or digits) of a text like an e-mail or a web address, whose
    /// rarest one the trigram index should look up alone: the index reads the entries of every trigram
    /// of a pattern, and those of "contato@", ".com" or ".br" hold most customers (a whole e-mail cost
    /// 28 ms, its distinctive word 1.3 ms, at 1M customers); the whole text is still checked on each
    /// row found. Names (words and spaces) keep the whole pattern, whose words narrow each other down.
    /// Empty for names.
    /// </summary>
    public static List<string> Words(string text)
    {
        if (text.All(c => char.IsLetterOrDigit(c) || c == ' '))
        {
            return [];
        }

        var separators = text.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray();
        return [.. text.Split(separators).Where(w => w.Length >= MinIndexWord).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Without statistics: the longest word, when long enough to be likely rare.</summary>
    public static string? IndexWord(string text) =>
        Words(text).MaxBy(w => w.Length) is { Length: >= MinGuessedIndexWord } word ? word : null;

    private static string Contains(string text) =>
        "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";

    /// <summary>
    /// Mostly digits, written with the separators tax ids use (maybe with a country prefix such as "RO"):
    /// "Acme 2000" is a name, "RO 123 456" a tax id.
    /// </summary>
    private static bool LooksLikeTaxId(string query) =>
        query.Count(char.IsAsciiDigit) > query.Count(char.IsAsciiLetter)
        && query.Any(c => TaxIdSeparators.Contains(c, StringComparison.Ordinal))
        && query.All(c => char.IsAsciiLetterOrDigit(c) || TaxIdSeparators.Contains(c, StringComparison.Ordinal));
}
