using System.Security.Claims;

namespace CrmPlatform.ServiceDefaults.Security;

/// <summary>Who the validated token speaks for: a person (<c>sub</c>) or a department system (<c>client_id</c>).</summary>
public static class CallerIdentity
{
    /// <summary>The caller's id as history and audit record it; null for an anonymous request.</summary>
    public static string? IdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.FindFirst(CrmClaims.Subject)?.Value ?? user.FindFirst(CrmClaims.ClientId)?.Value
            : null;

    /// <summary>
    /// A key naming the caller unambiguously across people and systems (<c>sub:ana.seller</c>,
    /// <c>client:erp</c>), for per-caller budgets and idempotency scopes; null for an anonymous request.
    /// <c>NameIdentifier</c> stands for <c>sub</c> under handlers that map claim names.
    /// </summary>
    public static string? KeyOf(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        if ((Value(user, CrmClaims.Subject) ?? Value(user, ClaimTypes.NameIdentifier)) is { } subject)
        {
            return "sub:" + subject;
        }

        return Value(user, CrmClaims.ClientId) is { } client ? "client:" + client : null;
    }

    public static bool IsAny(ClaimsPrincipal user, IEnumerable<string> roles) => roles.Any(user.IsInRole);

    /// <summary>
    /// True when the caller reaches customers only as a sales rep, so only the customers they own
    /// (and those customers' records) exist for them. Any other role of theirs lifts that limit.
    /// </summary>
    public static bool IsLimitedToOwnCustomers(ClaimsPrincipal user) =>
        user.IsInRole(CrmRoles.SalesRep) && !CrmRoles.All.Any(role => role != CrmRoles.SalesRep && user.IsInRole(role));

    public static IReadOnlyList<string> RolesOf(ClaimsPrincipal user) =>
        [.. user.FindAll(CrmClaims.Role).Select(c => c.Value).Where(CrmRoles.All.Contains)];

    private static string? Value(ClaimsPrincipal user, string type) =>
        user.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;
}
