using System.Collections.Frozen;
using System.Text;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>
/// The wire name of an enum value: its name in snake_case (<c>InPerson</c> → <c>in_person</c>), the
/// form our JSON, query strings and events use. Parsing takes exactly that form, so a client cannot
/// send <c>3</c> or <c>InPerson</c> and have it mean something.
/// </summary>
public static class WireNames
{
    public static string ToWireName<TEnum>(this TEnum value) where TEnum : struct, Enum => Names<TEnum>.ByValue[value];

    public static bool TryParse<TEnum>(string? name, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return name is not null && Names<TEnum>.ByName.TryGetValue(name, out value);
    }

    public static IReadOnlyCollection<string> All<TEnum>() where TEnum : struct, Enum => Names<TEnum>.ByName.Keys;

    /// <summary>"a, b, c", for an error message.</summary>
    public static string Choices<TEnum>() where TEnum : struct, Enum => Names<TEnum>.Choices;

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => SnakeCase(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> ByName =
            ByValue.ToFrozenDictionary(e => e.Value, e => e.Key, StringComparer.Ordinal);

        public static readonly string Choices = string.Join(", ", Enum.GetValues<TEnum>().Select(v => ByValue[v]));
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
