using CrmPlatform.Identity.Accounts;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CrmPlatform.Identity.Tokens;

/// <summary>
/// Authenticates the client of a token request against <c>Identity:Clients</c>. In degraded mode
/// OpenIddict has no application store, so its own client checks are off and this handler stands in
/// for them: unknown client or wrong secret is <c>invalid_client</c> (401), a grant the client was not
/// given is <c>unauthorized_client</c> (400).
/// </summary>
internal sealed class ClientValidation(AccountDirectory accounts) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var client = accounts.FindClient(context.ClientId);
        if (client is null)
        {
            context.Reject(Errors.InvalidClient, "The client application is unknown.");
        }
        else if (client.IsPublic && !string.IsNullOrEmpty(context.ClientSecret))
        {
            // A public client has no secret to show; one that sends a secret is misconfigured or is not who it says.
            context.Reject(Errors.InvalidClient, "A public client must not send a client secret.");
        }
        else if (!client.IsPublic && !AccountDirectory.ClientSecretMatches(client, context.ClientSecret))
        {
            context.Reject(Errors.InvalidClient, "The client credentials are invalid.");
        }
        else if (!client.GrantTypes.Contains(context.Request.GrantType ?? "", StringComparer.Ordinal))
        {
            context.Reject(Errors.UnauthorizedClient, "The client application may not use this grant type.");
        }

        return ValueTask.CompletedTask;
    }
}
