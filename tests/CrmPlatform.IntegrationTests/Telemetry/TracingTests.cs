using System.Diagnostics;
using System.Net.Http.Json;
using CrmPlatform.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace CrmPlatform.IntegrationTests.Telemetry;

[Collection(SuiteCollection.Name)]
public sealed class TracingTests(Suite suite)
{
    [Fact]
    public async Task A_request_is_traced_through_aspnetcore_npgsql_and_masstransit_with_its_correlation_id()
    {
        var exported = new List<Activity>();
        await using var traced = suite.Customers.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported))));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/customers")
        {
            Content = JsonContent.Create(TestData.Company(TestData.UniqueTaxId())),
        };
        request.Headers.Add("X-Correlation-Id", "trace-test-1");

        var response = await traced.CreateClient().SendAsync(request);
        response.EnsureSuccessStatusCode();

        // Wait for this request's publish, not just any MassTransit span: the instance also consumes
        // other tests' events, whose spans can arrive first.
        static Activity? Server(List<Activity> all) => all.SingleOrDefault(a => a.Source.Name == "Microsoft.AspNetCore" && a.GetTagItem("correlation.id") is "trace-test-1");
        var spans = await Eventually.GetAsync(() => Task.FromResult(Snapshot(exported)),
            all => Server(all) is { } request && all.Any(a => a.Source.Name == "MassTransit" && a.TraceId == request.TraceId));
        var server = Server(spans).ShouldNotBeNull();
        spans.ShouldContain(a => a.Source.Name == "Npgsql" && a.TraceId == server.TraceId, "the INSERT is part of the request's trace");
        spans.ShouldContain(a => a.Source.Name == "MassTransit" && a.TraceId == server.TraceId, "the publish is part of the request's trace");
    }

    /// <summary>
    /// The exporter appends from other threads without a lock; ToArray copies without the enumerator's
    /// version check, and a slot being written at that instant may read as null, so nulls are skipped.
    /// </summary>
    private static List<Activity> Snapshot(List<Activity> exported) => [.. exported.ToArray().Where(a => a is not null)];
}
