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
}
