using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.ServiceDefaults.Security;

/// <summary>Logs each 401 and 403 the authorization middleware gives, then answers as the default handler does.</summary>
internal sealed class AuditedAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            AccessAudit.Denied(context, StatusCodes.Status401Unauthorized, "no valid access token");
        }
        else if (authorizeResult.Forbidden)
        {
            AccessAudit.Denied(context, StatusCodes.Status403Forbidden, "role not allowed");
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
