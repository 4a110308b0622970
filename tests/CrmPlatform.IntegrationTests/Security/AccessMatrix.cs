using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.IntegrationTests.Security;

/// <summary>
/// The documented authorization matrix (docs/security.md), endpoint by endpoint: which roles may call
/// it (admin always may) and whether a sales rep's reach is limited to their own customers' records.
/// Paths use placeholders that <see cref="AccessFixture"/> fills: {customer}, {contact}, {interaction},
/// {commitment} (a record of the caller's own customer, or of a colleague's), {random} (an unknown id).
/// Bodies are deliberately incomplete where the call would change data, so an allowed call ends in a
/// 4xx of the handler (never 401/403) without side effects.
/// </summary>
public static class AccessMatrix
{
    public const string SM = CrmRoles.SalesManager, SR = CrmRoles.SalesRep, SA = CrmRoles.SupportAgent, AN = CrmRoles.Analyst,
        AC = CrmRoles.Accounting, LO = CrmRoles.Logistics, MK = CrmRoles.Marketing;

    // Routing answers 415 for a media type an endpoint does not take before anyone is authorized, so
    // each call sends the type its endpoint declares.
    private const string MergePatch = "application/merge-patch+json";

    private static readonly string[] _everyone = [SM, SR, SA, AN, AC, LO, MK];

    public static IReadOnlyList<Operation> Customers { get; } =
    [
        new("POST", "/api/customers", [SM, SR], Body: "{}"),
        new("GET", "/api/customers", _everyone),
        new("GET", "/api/customers/{customer}", _everyone, Owned: true),
        new("PATCH", "/api/customers/{customer}", [SM, SR, AC, LO], Owned: true, Body: "{}"),
        new("POST", "/api/customers/{customer}/stage", [SM, SR], Owned: true, Body: "{}"),
        new("POST", "/api/customers/{customer}/qualifications", [SM, SR], Owned: true, Body: "{}"),
        new("GET", "/api/customers/{customer}/qualifications", [SM, SR, AN], Owned: true),
        new("GET", "/api/customers/{customer}/history", [SM, SR], Owned: true),
        new("GET", "/api/customers/{customer}/contacts", [SM, SR, SA, AC, LO, MK], Owned: true),
        new("POST", "/api/customers/{customer}/contacts", [SM, SR], Owned: true, Body: "{}"),
        new("GET", "/api/customers/{customer}/contacts/{contact}", [SM, SR, SA, AC, LO, MK], Owned: true),
        new("PATCH", "/api/customers/{customer}/contacts/{contact}", [SM, SR], Owned: true, Body: "{}"),
        new("DELETE", "/api/customers/{customer}/contacts/{contact}", [SM, SR], Owned: true),
        new("GET", "/api/customers/{customer}/possible-duplicates", [SM, SR], Owned: true),
        new("POST", "/api/customers/{customer}/merge", [SM], Body: "{}"),
        new("POST", "/api/customers/imports", [SM]),
        new("GET", "/api/customers/imports/{random}", [SM]),
        new("GET", "/api/customers/imports/{random}/rejections", [SM]),
        new("GET", "/api/customers/export?segment=no-such-segment-anywhere", [SM]),
    ];

    public static IReadOnlyList<Operation> Interactions { get; } =
    [
        new("POST", "/api/interactions", [SM, SR, SA, AC, LO, MK], Owned: true, Body: "interaction"),
        new("GET", "/api/interactions", [SM, SR, SA, AC, LO, MK]),
        new("GET", "/api/interactions/{interaction}", [SM, SR, SA, AC, LO, MK], Owned: true),
        new("GET", "/api/customers/{customer}/timeline", [SM, SR, SA, AC, LO, MK], Owned: true),
        new("GET", "/api/customers/{customer}/relationship", [SM, SR, SA], Owned: true),
        new("POST", "/api/commitments", [SM, SR, SA, AC, LO], Owned: true, Body: "commitment"),
        new("GET", "/api/commitments", [SM, SR, SA, AC, LO]),
        new("GET", "/api/commitments/{commitment}", [SM, SR, SA, AC, LO], Owned: true),
        new("PATCH", "/api/commitments/{commitment}", [SM, SR, SA, AC, LO], Owned: true, Body: "{}", MediaType: MergePatch),
        new("POST", "/api/commitments/{commitment}/complete", [SM, SR, SA, AC, LO], Owned: true, Body: "{}"),
        new("POST", "/api/commitments/{commitment}/cancel", [SM, SR, SA, AC, LO], Owned: true, Body: "{}"),
    ];

    public static IReadOnlyList<Operation> ServiceDesk { get; } =
    [
        new("POST", "/api/tickets", [SM, SA], Body: "{}"),
        new("GET", "/api/tickets", [SM, SA]),
        new("GET", "/api/tickets/{random}", [SM, SA]),
        new("PATCH", "/api/tickets/{random}", [SM, SA], Body: "{}", MediaType: MergePatch),
        new("POST", "/api/tickets/{random}/status", [SM, SA], Body: "{}"),
        new("POST", "/api/tickets/{random}/messages", [SM, SA], Body: "{}"),
        new("GET", "/api/tickets/{random}/messages", [SM, SA]),
        new("POST", "/api/tickets/{random}/satisfaction", [SM, SA], Body: "{}"),
        new("POST", "/api/business-calendars", [], Body: "{}"),
        new("GET", "/api/business-calendars", [SM, SA]),
        new("GET", "/api/business-calendars/{random}", [SM, SA]),
        new("PUT", "/api/business-calendars/{random}", [], Body: "{}"),
        new("POST", "/api/sla-policies", [], Body: "{}"),
        new("GET", "/api/sla-policies", [SM, SA]),
        new("GET", "/api/sla-policies/{random}", [SM, SA]),
        new("PUT", "/api/sla-policies/{random}", [], Body: "{}"),
        new("POST", "/api/surveys/nps", [SA, MK], Body: "{}"),
        new("GET", "/api/surveys/nps", [SM, SA, AN, MK]),
    ];

    public static IReadOnlyList<Operation> Analytics { get; } =
    [
        new("POST", "/api/analytics/purchases", [AC], Body: "{}"),
        new("POST", "/api/analytics/purchases/history", [AC], Body: "customerId,purchasedAt", MediaType: "text/csv"),
        new("GET", "/api/analytics/customers/{random}/purchases", [SM, AN, AC]),
        new("GET", "/api/analytics/customers/{random}", [SM, AN, AC]),
        new("GET", "/api/analytics/summary", [SM, AN, MK]),
        new("GET", "/api/analytics/rfm", [SM, AN, MK]),
        new("GET", "/api/analytics/portfolio/revenue", [SM, AN, MK]),
        new("GET", "/api/analytics/portfolio/abc", [SM, AN, MK]),
        new("GET", "/api/analytics/portfolio/profitability", [SM, AN, MK]),
        new("GET", "/api/analytics/retention", [SM, AN, MK]),
        new("GET", "/api/analytics/cohorts", [SM, AN, MK]),
        new("GET", "/api/analytics/kpis", [SM, AN, MK]),
        new("GET", "/api/analytics/attention", [SM, AN, MK]),
        new("GET", "/api/analytics/clv/model/current", [SM, AN, MK]),
        new("PUT", "/api/analytics/acquisition-spend/2026-01", [MK], Body: "{}"),
        // Calling these as an allowed role does real work (a model fit, a full recompute or rebuild),
        // which their own tests cover; here only the refusals are checked.
        new("GET", "/api/analytics/clv/model", [SM, AN, MK], DeniedOnly: true),
        new("POST", "/api/analytics/rfm/recompute", [AN], DeniedOnly: true),
        new("POST", "/api/analytics/clv/model/refit", [AN], DeniedOnly: true),
        new("POST", "/api/analytics/projections/rebuild", [], DeniedOnly: true),
    ];

    /// <summary>One endpoint's row of the matrix.</summary>
    /// <param name="Method">The HTTP method.</param>
    /// <param name="Path">The path, with placeholders.</param>
    /// <param name="Allowed">The roles besides admin that may call it.</param>
    /// <param name="Owned">A sales rep reaches it only for their own customers (404 for a colleague's).</param>
    /// <param name="Body">A JSON body, or a name of a body <see cref="AccessFixture"/> builds.</param>
    /// <param name="DeniedOnly">Only the refusals are called.</param>
    /// <param name="MediaType">The body's media type.</param>
    public sealed record Operation(
        string Method, string Path, IReadOnlyList<string> Allowed, bool Owned = false, string? Body = null, bool DeniedOnly = false, string MediaType = "application/json")
    {
        public bool Allows(string role) => role == CrmRoles.Admin || Allowed.Contains(role);

        /// <summary>The route shape, placeholders and query left out, to compare with the service's endpoints.</summary>
        public string Shape => Normalized(Path.Split('?')[0]);

        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>A route with every parameter written as <c>{}</c>.</summary>
    public static string Normalized(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route.TrimEnd('/'), @"\{[^}]*\}|\d{4}-\d{2}", "{}");
}
