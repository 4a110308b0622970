using CrmPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Customers.Import;

/// <summary>The RFC 9457 answers only the import endpoints give.</summary>
internal static class ImportProblems
{
    public static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            type: Problems.TypeBase + "too-large",
            title: "The file is too large.",
            detail: $"An import file may have at most {maxBytes:N0} bytes; split it and import the parts.",
            extensions: new Dictionary<string, object?> { ["maxBytes"] = maxBytes });

    public static ProblemHttpResult BadHeader(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Type = Problems.TypeBase + "import-header",
            Title = "The header line of the file is invalid.",
            Detail = "The first line must name the columns; each error below is keyed by the column it is about. No job was created.",
        });
}
