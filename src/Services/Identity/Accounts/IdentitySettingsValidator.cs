using CrmPlatform.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CrmPlatform.Identity.Accounts;

/// <summary>
/// Checked at start-up: a misspelt role or a client without a grant would otherwise show up only as
/// a 403 or a refused token in some later test, far from the configuration line that caused it.
/// </summary>
internal sealed class IdentitySettingsValidator : IValidateOptions<IdentitySettings>
{
    private static readonly string[] SupportedGrants = [GrantTypes.Password, GrantTypes.ClientCredentials];

    public ValidateOptionsResult Validate(string? name, IdentitySettings options)
    {
        var failures = new List<string>();
        if (!options.Issuer.IsAbsoluteUri)
        {
            failures.Add($"Identity:Issuer must be an absolute URI, not '{options.Issuer}'.");
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add("Identity:AccessTokenLifetime must be positive.");
        }

        foreach (var (userName, user) in options.Users)
        {
            if (string.IsNullOrEmpty(user.Password))
            {
                failures.Add($"Identity:Users:{userName} has no password.");
            }

            failures.AddRange(UnknownRoles(user.Roles).Select(role => $"Identity:Users:{userName} has the unknown role '{role}'."));
        }

        foreach (var (clientId, client) in options.Clients)
        {
            failures.AddRange(UnknownRoles(client.Roles).Select(role => $"Identity:Clients:{clientId} has the unknown role '{role}'."));
            failures.AddRange(client.GrantTypes.Except(SupportedGrants, StringComparer.Ordinal)
                .Select(grant => $"Identity:Clients:{clientId} has the unsupported grant type '{grant}'."));
            if (client.GrantTypes.Count == 0)
            {
                failures.Add($"Identity:Clients:{clientId} has no grant type.");
            }

            // Client credentials prove nothing without a secret: anyone could claim to be the client.
            if (client.IsPublic && client.GrantTypes.Contains(GrantTypes.ClientCredentials, StringComparer.Ordinal))
            {
                failures.Add($"Identity:Clients:{clientId} is public (no secret) and cannot use client_credentials.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> UnknownRoles(IEnumerable<string> roles) =>
        roles.Except(CrmRoles.All, StringComparer.Ordinal);
}
