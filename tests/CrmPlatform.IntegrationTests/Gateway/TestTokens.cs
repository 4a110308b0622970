using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.IntegrationTests.Gateway;

/// <summary>Bearer tokens for the gateway tests: real signed tokens from the test issuer, for a caller with that <c>sub</c>.</summary>
internal static class TestTokens
{
    public static string For(string subject) => Infrastructure.TestTokens.For(subject, CrmRoles.Admin);
}
