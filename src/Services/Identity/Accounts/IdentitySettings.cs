namespace CrmPlatform.Identity.Accounts;

/// <summary>
/// The <c>Identity</c> configuration section: the issuer every token names, how long an access token
/// lives, and the seeded users and clients. Users and clients are keyed by user name and client id so
/// one entry can be changed from the environment (<c>Identity__Users__admin__Password</c>) without
/// repeating the others, which list indexes would force.
/// </summary>
public sealed class IdentitySettings
{
    public const string Section = "Identity";

    /// <summary>
    /// Fixed rather than taken from the request: tokens are fetched through the gateway (localhost:5080)
    /// and directly, while every service validates against the metadata at http://identity.
    /// </summary>
    public Uri Issuer { get; set; } = new("http://identity/");

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public Dictionary<string, SeededUser> Users { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RegisteredClient> Clients { get; } = new(StringComparer.Ordinal);
}

/// <summary>A user who may sign in with the password grant.</summary>
public sealed class SeededUser
{
    /// <summary>Display name for the <c>name</c> claim; the user name when absent.</summary>
    public string? Name { get; set; }

    public string Password { get; set; } = "";

    public List<string> Roles { get; } = [];
}

/// <summary>
/// A client application. Without a secret it is public (the web front end, which cannot keep one);
/// with a secret it is confidential and may authenticate as itself (client credentials).
/// </summary>
public sealed class RegisteredClient
{
    /// <summary>Display name for the <c>name</c> claim of client-credentials tokens; the client id when absent.</summary>
    public string? Name { get; set; }

    public string? Secret { get; set; }

    /// <summary>The grant types this client may use: <c>password</c>, <c>client_credentials</c>.</summary>
    public List<string> GrantTypes { get; } = [];

    /// <summary>The roles a client-credentials token carries (a department system acts in its own name).</summary>
    public List<string> Roles { get; } = [];

    public bool IsPublic => string.IsNullOrEmpty(Secret);
}
