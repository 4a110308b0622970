using Microsoft.AspNetCore.Http;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>
/// Who is making a change, for the history. Until the gateway authenticates callers (issue 8) this
/// is the <c>X-Crm-User</c> header the caller sends; the gateway will then set it from the verified
/// token and drop any value the client sent.
/// </summary>
public static class Actor
{
    public const string Header = "X-Crm-User";
    public const string Anonymous = "anonymous";
    public const string System = "system";
    public const int MaxLength = 100;

    /// <summary>The person a record names (an owner, an employee): the one given, else the caller; null when neither is known.</summary>
    public static string? GivenOrCaller(string? given, HttpContext http) =>
        given ?? (Of(http) is var caller && caller != Anonymous ? caller : null);

    public static string Of(HttpContext http)
    {
        var value = http.Request.Headers[Header].ToString().Trim();
        return value.Length is > 0 and <= MaxLength && !value.Any(char.IsControl) ? value : Anonymous;
    }
}
