using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace CrmPlatform.ServiceDefaults.Security;

/// <summary>
/// Every CrmPlatform process validates bearer tokens itself (issuer, audience, lifetime, signature):
/// the gateway checks them too, but a service never trusts that a caller came through it.
/// The provider is whatever <c>Authentication:Authority</c> names (its OIDC discovery document gives
/// the issuer and the signing keys); by default the suite's own identity service, found through
/// service discovery. Any OIDC provider replaces it by configuration alone.
/// </summary>
public static class CrmAuthentication
{
    public const string DefaultAuthority = "http://identity";
    private const string BackchannelClient = "oidc-metadata";

    public static IHostApplicationBuilder AddCrmAuthentication(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Authentication");
        var authority = section["Authority"] is { Length: > 0 } configured ? configured : DefaultAuthority;

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.Authority = authority;
            options.Audience = section["Audience"] is { Length: > 0 } audience ? audience : CrmClaims.Audience;

            // The suite's own provider is plain HTTP inside the machine; anything else must be HTTPS
            // unless ops say otherwise explicitly.
            options.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", !IsSuiteProvider(authority));

            // Keep the token's own claim names (sub, role, client_id) instead of the legacy SOAP URIs.
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                NameClaimType = CrmClaims.Subject,
                RoleClaimType = CrmClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });

        // The discovery document and keys are fetched through a factory client, so "http://identity"
        // resolves through service discovery like every other service address.
        builder.Services.AddHttpClient(BackchannelClient);
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpMessageHandlerFactory>((options, handlers) => options.BackchannelHttpHandler ??= handlers.CreateHandler(BackchannelClient));

        // Secure by default: an endpoint that says nothing needs an authenticated caller. Health
        // probes and the API documents opt out explicitly.
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResultHandler>();
        return builder;
    }

    private static bool IsSuiteProvider(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && (uri.IsLoopback || !uri.Host.Contains('.', StringComparison.Ordinal));
}
