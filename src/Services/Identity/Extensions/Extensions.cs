using CrmPlatform.Identity.Accounts;
using CrmPlatform.Identity.Tokens;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CrmPlatform.Identity.Extensions;

internal static class Extensions
{
    public const string TokenEndpoint = "connect/token";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentitySettings>()
            .Bind(builder.Configuration.GetSection(IdentitySettings.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdentitySettings>, IdentitySettingsValidator>();
        builder.Services.AddSingleton<AccountDirectory>();

        builder.Services.AddOpenIddict().AddServer(options =>
        {
            // Degraded mode: no database and no application store. Clients and users come from
            // configuration, and the two handlers below do the checks the stores would have done.
            options.EnableDegradedMode();
            options.SetTokenEndpointUris(TokenEndpoint);
            options.AllowPasswordFlow().AllowClientCredentialsFlow();
            options.RegisterScopes(CrmClaims.ApiScope);

            // Ephemeral keys are new at every start; acceptable because this service is for
            // development and tests only, and the services' JWT validation fetches the JWKS again
            // when a token names a key id it does not know. Encryption is switched off for access
            // tokens so they are plain signed JWTs that any OIDC-aware API can validate; the
            // encryption key is still required by OpenIddict for its other token types.
            options.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
            options.DisableAccessTokenEncryption();

            // The local suite and the tests speak plain HTTP (the gateway is the only public entry).
            options.UseAspNetCore().DisableTransportSecurityRequirement();

            // The client check runs before OpenIddict's own client_credentials parameter check, so a
            // public client asking for client credentials hears unauthorized_client (the grant is not
            // its to use) rather than a generic complaint about a missing secret.
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler
                .UseSingletonHandler<ClientValidation>()
                .SetOrder(OpenIddictServerHandlers.Exchange.ValidateClientCredentialsParameters.Descriptor.Order - 500));
            options.AddEventHandler<HandleTokenRequestContext>(handler => handler.UseSingletonHandler<TokenIssuance>());
        });

        // Issuer and lifetime are read when the options are built, not here, so that configuration
        // added later (tests, environment) is seen.
        builder.Services.AddOptions<OpenIddictServerOptions>()
            .Configure<IOptions<IdentitySettings>>((server, settings) =>
            {
                server.Issuer = settings.Value.Issuer;
                server.AccessTokenLifetime = settings.Value.AccessTokenLifetime;
            });
    }
}
