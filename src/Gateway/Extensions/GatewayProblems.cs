using CrmPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Gateway.Extensions;

/// <summary>
/// The RFC 9457 answers the gateway itself gives, with the same stable <c>type</c> base as the services,
/// so a client handles a gateway refusal like any other problem.
/// </summary>
internal static class GatewayProblems
{
    public static ProblemHttpResult RateLimited(int? retryAfterSeconds) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            type: Problems.TypeBase + "rate-limited",
            title: "Too many requests.",
            detail: retryAfterSeconds is { } seconds
                ? $"The request rate allowed for this caller was exceeded; retry in {seconds} s (see Retry-After)."
                : "The request rate allowed for this caller was exceeded; retry later.");

    /// <summary>Same type and shape as the customers service's import refusal, so clients need one rule.</summary>
    public static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            type: Problems.TypeBase + "too-large",
            title: "The request body is too large.",
            detail: $"This endpoint takes a body of at most {maxBytes:N0} bytes.",
            extensions: new Dictionary<string, object?> { ["maxBytes"] = maxBytes });

    public static ProblemHttpResult BadGateway(string service) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status502BadGateway,
            type: Problems.TypeBase + "bad-gateway",
            title: "The service behind the gateway could not be reached.",
            detail: $"The {service} service did not answer; retry later.");

    public static ProblemHttpResult ServiceUnavailable(string service) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: Problems.TypeBase + "service-unavailable",
            title: "The service behind the gateway is unavailable.",
            detail: $"No instance of the {service} service is available; retry later.");

    public static ProblemHttpResult GatewayTimeout(string service) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status504GatewayTimeout,
            type: Problems.TypeBase + "gateway-timeout",
            title: "The service behind the gateway did not answer in time.",
            detail: $"The {service} service took too long; the operation may still complete, so check before retrying a change.");
}
