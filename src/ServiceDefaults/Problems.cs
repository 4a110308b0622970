using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// The RFC 9457 answers our APIs give, each with a stable <c>type</c> that frontends can switch on.
/// </summary>
public static class Problems
{
    public const string TypeBase = "https://crmplatform.dev/problems/";

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

    public static ProblemHttpResult Conflict(string code, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            type: TypeBase + code,
            title: title,
            detail: detail,
            extensions: extensions);
}
