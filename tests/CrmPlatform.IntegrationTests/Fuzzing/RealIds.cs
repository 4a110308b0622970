namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// Values of path parameters that name a resource that exists, so bad queries, bodies and headers
/// reach the handler past its 404. Keyed by the template up to and including the parameter
/// (<c>/api/customers/{id}</c>), because the same name means another resource under another path.
/// </summary>
public sealed class RealIds
{
    private readonly Dictionary<string, string> _byTemplatePrefix = new(StringComparer.Ordinal);

    public RealIds Add(string templatePrefix, object value)
    {
        _byTemplatePrefix[templatePrefix] = value.ToString()!;
        return this;
    }

    public string? For(string template, string parameter)
    {
        var placeholder = "{" + parameter + "}";
        var end = template.IndexOf(placeholder, StringComparison.Ordinal) + placeholder.Length;
        return _byTemplatePrefix.GetValueOrDefault(template[..end]);
    }
}
