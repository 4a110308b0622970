using System.Security.Claims;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CrmPlatform.IntegrationTests.Gateway;

/// <summary>
/// Bearer tokens for the gateway tests. For now a stand-in: "stub.{sub}", which
/// <see cref="StubBearerAuthentication"/> turns into an authenticated caller with that <c>sub</c>.
/// TODO(integrator): once ServiceDefaults validates JWTs, issue real signed tokens here (sub = the given
/// subject, audience crm-api) from the test token issuer, and remove StubBearerAuthentication and its
/// registration in GatewayHost.
/// </summary>
internal static class TestTokens
{
    private const string StubPrefix = "stub.";

    public static string For(string subject) => StubPrefix + subject;

    /// <summary>The subject of a stub token, or null for anything else.</summary>
    public static string? StubSubject(string? authorization) =>
        authorization is { } value && value.StartsWith("Bearer " + StubPrefix, StringComparison.Ordinal)
            ? value[("Bearer " + StubPrefix).Length..]
            : null;
}

/// <summary>
/// Makes a stub bearer token an authenticated user before anything in the gateway runs. Real authentication
/// later in the pipeline only replaces the user when it validates a token, so this keeps working until the
/// integrator swaps in real tokens (see <see cref="TestTokens"/>).
/// </summary>
internal sealed class StubBearerAuthentication : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, proceed) =>
        {
            if (TestTokens.StubSubject(context.Request.Headers.Authorization) is { Length: > 0 } subject)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(CrmClaims.Subject, subject)], "stub"));
            }

            return proceed(context);
        });
        next(app);
    };
}
