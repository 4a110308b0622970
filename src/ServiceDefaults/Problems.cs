using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// The RFC 9457 answers our APIs give, each with a stable <c>type</c> that frontends can switch on.
/// </summary>
public static class Problems
{
    public const string TypeBase = "https://crmplatform.dev/problems/";

    private static readonly HashSet<string> _standardMembers = new(StringComparer.OrdinalIgnoreCase) { "type", "title", "status", "detail", "instance" };

    /// <summary>422: the body is well-formed JSON but fields are invalid; <c>errors</c> names each field.</summary>
    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Type = TypeBase + "validation",
            Title = "One or more fields are invalid.",
        });

    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            type: TypeBase + "not-found",
            title: $"The {what} was not found.",
            detail: $"No {what} has the id '{id}'.");

    /// <summary>409 with extension members; none may reuse a member of RFC 9457 (a second <c>status</c> broke clients reading the code).</summary>
    public static ProblemHttpResult Conflict(string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        if (extensions?.Keys.FirstOrDefault(_standardMembers.Contains) is { } clash)
        {
            throw new ArgumentException($"'{clash}' is a standard problem member; name the extension otherwise.", nameof(extensions));
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            type: TypeBase + code,
            title: title,
            detail: detail,
            extensions: extensions);
    }

    /// <summary>400: the body or a parameter cannot be read at all.</summary>
    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: TypeBase + "malformed", title: title, detail: detail);

    /// <summary>415: a body of a type this endpoint does not take.</summary>
    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, type: TypeBase + "unsupported-media-type", title: "Unsupported content type.", detail: detail);

    /// <summary>428: a change of this resource needs <c>If-Match</c> with the ETag the caller last read.</summary>
    public static ProblemHttpResult PreconditionRequired(string what) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired,
            type: TypeBase + "precondition-required",
            title: "If-Match is required.",
            detail: $"Send the {what}'s ETag (from your last read) in If-Match, so a change made meanwhile by someone else is not overwritten.");

    /// <summary>412: <c>If-Match</c> names a version that is no longer current.</summary>
    public static ProblemHttpResult PreconditionFailed(string what, string currentETag) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            type: TypeBase + "precondition-failed",
            title: $"The {what} was changed since you read it.",
            detail: "Read it again, reapply your change and send it with the new ETag.",
            extensions: new Dictionary<string, object?> { ["currentETag"] = currentETag });
}
