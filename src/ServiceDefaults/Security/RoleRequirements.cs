using Microsoft.AspNetCore.Builder;

namespace CrmPlatform.ServiceDefaults.Security;

/// <summary>Function-level authorization: which roles may call an endpoint (admin always may).</summary>
public static class RoleRequirements
{
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireRole([CrmRoles.Admin, .. roles]));
}
