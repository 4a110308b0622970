using CrmPlatform.Gateway.Extensions;
using CrmPlatform.Gateway.Limits;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace CrmPlatform.Gateway.Routing;

/// <summary>
/// YARP answers a failed forward with a bare status (502, 503, 504) and no body. Clients get the same
/// problem answers from the gateway as from the services, with stable types to switch on: a timeout is
/// told apart from an unreachable service, because after a timeout the operation may still complete.
/// </summary>
internal static class ForwarderProblems
{
    /// <summary>Cluster metadata naming the service when the cluster id does not (analytics-bulk is analytics).</summary>
    public const string ServiceMetadata = "Service";

    public static IReverseProxyApplicationBuilder UseForwarderProblems(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            if (context.GetForwarderErrorFeature() is not { } failure
                || context.Response.HasStarted
                || context.RequestAborted.IsCancellationRequested)
            {
                // Nothing to say: the answer is on its way, or the caller has gone.
                return;
            }

            var problem = failure.Error switch
            {
                ForwarderError.RequestTimedOut => GatewayProblems.GatewayTimeout(Service(context)),
                ForwarderError.NoAvailableDestinations => GatewayProblems.ServiceUnavailable(Service(context)),
                ForwarderError.RequestBodyClient when IsTooLarge(failure.Exception) => GatewayProblems.TooLarge(
                    LargeUploads.LimitFor(context.Request, context.RequestServices.GetRequiredService<IOptions<BodyLimitOptions>>().Value)),
                // The caller's own body or cancellation: YARP's 400 stands and the status code pages describe it.
                ForwarderError.RequestBodyClient or ForwarderError.RequestBodyCanceled or ForwarderError.RequestCanceled => null,
                _ => GatewayProblems.BadGateway(Service(context)),
            };
            if (problem is not null)
            {
                await problem.ExecuteAsync(context);
            }
        });
        return proxy;
    }

    private static string Service(HttpContext context)
    {
        var cluster = context.GetReverseProxyFeature().Cluster?.Config;
        return cluster?.Metadata?.GetValueOrDefault(ServiceMetadata) ?? cluster?.ClusterId ?? "upstream";
    }

    /// <summary>Kestrel's refusal of a body past the limit, however YARP wrapped it.</summary>
    private static bool IsTooLarge(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }
}
