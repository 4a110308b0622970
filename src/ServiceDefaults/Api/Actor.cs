using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>
/// Who is making a change, for the history: the subject (or client) of the caller's validated access
/// token. Nothing the client sends in a header can set it.
/// </summary>
public static class Actor
{
    public const string Anonymous = "anonymous";
    public const string System = "system";
    public const int MaxLength = 100;

    /// <summary>The person a record names (an owner, an employee): the one given, else the caller; null when neither is known.</summary>
    public static string? GivenOrCaller(string? given, HttpContext http) =>
        given ?? (Of(http) is var caller && caller != Anonymous ? caller : null);

    public static string Of(HttpContext http) =>
        CallerIdentity.IdOf(http.User) is { Length: > 0 and <= MaxLength } id ? id : Anonymous;
}
