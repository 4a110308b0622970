using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.ServiceDefaults.Security;

/// <summary>
/// The access audit: every denied request and every sensitive operation (export, merge, import,
/// erasure, policy change) is logged under the <c>CrmPlatform.Audit</c> category with who, when
/// and what, so ops can route that category to its own retention. Logs carry the time stamp.
/// </summary>
public static partial class AccessAudit
{
    public const string Category = "CrmPlatform.Audit";

    /// <summary>A request refused: no valid token (401), a role without the right (403), or a record outside the caller's reach (404).</summary>
    public static void Denied(HttpContext http, int status, string reason) =>
        LogDenied(Logger(http), CallerIdentity.IdOf(http.User) ?? "anonymous", string.Join(',', CallerIdentity.RolesOf(http.User)),
            http.Request.Method, http.Request.Path.Value ?? "", status, reason);

    /// <summary>A sensitive operation carried out; <paramref name="target"/> names what it touched.</summary>
    public static void Sensitive(HttpContext http, string action, string target) =>
        LogSensitive(Logger(http), CallerIdentity.IdOf(http.User) ?? "anonymous", string.Join(',', CallerIdentity.RolesOf(http.User)), action, target);

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);

    [LoggerMessage(EventId = 9001, EventName = "AccessDenied", Level = LogLevel.Warning,
        Message = "Access denied: {User} ({Roles}) {Method} {Target} answered {Status}: {Reason}")]
    private static partial void LogDenied(ILogger logger, string user, string roles, string method, string target, int status, string reason);

    [LoggerMessage(EventId = 9002, EventName = "SensitiveOperation", Level = LogLevel.Information,
        Message = "Sensitive operation: {User} ({Roles}) {Action} {Target}")]
    private static partial void LogSensitive(ILogger logger, string user, string roles, string action, string target);
}
