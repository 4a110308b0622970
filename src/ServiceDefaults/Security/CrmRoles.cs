namespace CrmPlatform.ServiceDefaults.Security;

/// <summary>
/// The roles a CrmPlatform token can carry (the <c>role</c> claim). docs/security.md holds the
/// matrix of what each may do; these names are part of the contract with any identity provider.
/// </summary>
public static class CrmRoles
{
    public const string Admin = "admin";
    public const string SalesManager = "sales-manager";
    public const string SalesRep = "sales-rep";
    public const string SupportAgent = "support-agent";
    public const string Analyst = "analyst";
    public const string Accounting = "accounting";
    public const string Logistics = "logistics";
    public const string Marketing = "marketing";

    public static IReadOnlyList<string> All { get; } =
        [Admin, SalesManager, SalesRep, SupportAgent, Analyst, Accounting, Logistics, Marketing];
}

/// <summary>The claims CrmPlatform reads from an access token, and the audience it must name.</summary>
public static class CrmClaims
{
    /// <summary>The user (or, for client credentials, the client) the token speaks for.</summary>
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string ClientId = "client_id";

    /// <summary>The audience every CrmPlatform API token must carry.</summary>
    public const string Audience = "crm-api";

    /// <summary>The scope a client asks for to get a token for the CrmPlatform API.</summary>
    public const string ApiScope = "crm-api";
}
