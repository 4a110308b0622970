using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>Strong ETags from a version number, and the HTTP precondition checks on them.</summary>
public static class ETags
{
    public static string For(long version) => $"\"{version}\"";

    /// <summary>If-Match with strong comparison (RFC 9110 §13.1.1): <c>*</c> or a list naming the current version.</summary>
    public static bool Matches(StringValues ifMatch, long version)
    {
        var current = For(version);
        foreach (var header in ifMatch)
        {
            foreach (var tag in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (tag == "*" || tag == current)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>If-None-Match with weak comparison (RFC 9110 §13.1.2), for a 304 on reads.</summary>
    public static bool NoneMatchHits(StringValues ifNoneMatch, long version)
    {
        var current = For(version);
        foreach (var header in ifNoneMatch)
        {
            foreach (var tag in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (tag == "*" || tag == current || tag == "W/" + current)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The answer when a change may not go ahead: 428 without If-Match (when <paramref name="required"/>),
    /// 412 naming the current ETag when If-Match names another version; null when the change may proceed.
    /// </summary>
    public static ProblemHttpResult? Precondition(HttpContext http, long currentVersion, string what, bool required = true)
    {
        var ifMatch = http.Request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return required ? Problems.PreconditionRequired(what) : null;
        }

        if (!Matches(ifMatch, currentVersion))
        {
            http.Response.Headers.ETag = For(currentVersion);
            return Problems.PreconditionFailed(what, For(currentVersion));
        }

        return null;
    }
}
