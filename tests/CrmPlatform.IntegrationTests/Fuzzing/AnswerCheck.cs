using System.Net;
using System.Text.Json;

namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// What every answer to a bad request must be: never a server error, and every client error an
/// RFC 9457 problem (media type and the type, title and status members) that callers can read.
/// </summary>
public static class AnswerCheck
{
    public const string ProblemJson = "application/problem+json";

    private static readonly string[] _requiredMembers = ["type", "title", "status"];

    /// <summary>Why the answer is wrong, or null when it is fine.</summary>
    public static string? Fault(HttpStatusCode status, string? mediaType, string body)
    {
        var code = (int)status;
        if (code >= 500)
        {
            return "server error";
        }

        if (code < 400)
        {
            return null;
        }

        if (!string.Equals(mediaType, ProblemJson, StringComparison.OrdinalIgnoreCase))
        {
            return $"a {code} as '{mediaType ?? "no content type"}', not {ProblemJson}";
        }

        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "the problem is not a JSON object";
            }

            var missing = _requiredMembers.Where(m => !root.TryGetProperty(m, out _)).ToList();
            if (missing.Count > 0)
            {
                return $"the problem lacks {string.Join(", ", missing)}";
            }

            return root.GetProperty("status") is { ValueKind: JsonValueKind.Number } s && s.GetInt32() == code
                ? null
                : $"the problem's status is {root.GetProperty("status")}, the answer's {code}";
        }
        catch (JsonException)
        {
            return "the problem is not valid JSON";
        }
    }
}
