using System.Security.Claims;
using CrmPlatform.Identity.Accounts;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CrmPlatform.Identity.Tokens;

/// <summary>
/// Answers a validated token request (the client is already authenticated by
/// <see cref="ClientValidation"/>): checks the user's password for the password grant and builds
/// the principal OpenIddict turns into the access token.
/// </summary>
/// <remarks>
/// The password grant (ROPC) is deprecated for real deployments because the client sees the user's
/// password. It is acceptable here because this service exists only for development, tests and
/// benchmarks, where scripts need a token for a known role without a browser; a production
/// deployment replaces the whole service with an OIDC provider (docs/identity.md).
/// </remarks>
internal sealed class TokenIssuance(AccountDirectory accounts) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        if (context.Request.IsPasswordGrantType())
        {
            var userName = context.Request.Username!;
            var user = accounts.FindUser(userName, context.Request.Password);
            if (user is null)
            {
                // One answer for an unknown user and a wrong password: the difference would tell which user names exist.
                context.Reject(Errors.InvalidGrant, "The user name or password is invalid.");
                return ValueTask.CompletedTask;
            }

            context.SignIn(Principal(userName, user.Name ?? userName, user.Roles));
        }
        else if (context.Request.IsClientCredentialsGrantType())
        {
            // ClientValidation let the request through, so the client exists and authenticated.
            var clientId = context.ClientId!;
            var client = accounts.FindClient(clientId)!;
            context.SignIn(Principal(clientId, client.Name ?? clientId, client.Roles));
        }
        else
        {
            // Only the two flows are enabled, so OpenIddict refuses any other grant before this point.
            context.Reject(Errors.UnsupportedGrantType, "The grant type is not supported.");
        }

        return ValueTask.CompletedTask;
    }

    private static ClaimsPrincipal Principal(string subject, string name, IEnumerable<string> roles)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, CrmClaims.Name, CrmClaims.Role);
        identity.SetClaim(CrmClaims.Subject, subject)
            .SetClaim(CrmClaims.Name, name)
            .SetClaims(CrmClaims.Role, [.. roles.Distinct(StringComparer.Ordinal)]);

        // Every token is for the CrmPlatform API: the one scope, and the audience the services require.
        // (OpenIddict writes the principal's resources into the access token's aud claim and the
        // client id into client_id.)
        identity.SetScopes(CrmClaims.ApiScope);
        identity.SetResources(CrmClaims.Audience);

        // Nothing here is secret from the APIs, and there is no identity token to share it with.
        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
