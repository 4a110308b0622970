using System.Net;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Security;

/// <summary>
/// Every endpoint × every role × own/colleague's record, against the documented matrix: a role not
/// allowed gets 403; an allowed one never 401/403; a sales rep gets a colleague's record as a 404 (an
/// unknown customer for a create) and their own as anything but. Also: every endpoint a service maps is
/// in the matrix, so a new endpoint cannot ship undocumented.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class AuthorizationMatrixTests(Suite suite) : IAsyncLifetime
{
    private readonly AccessFixture _records = new(suite);

    public Task InitializeAsync() => _records.InitializeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public Task Customers_answer_as_the_matrix_says() => CheckAsync(suite.Customers.CreateClient(NoRedirects), AccessMatrix.Customers);

    [Fact]
    public Task Interactions_answer_as_the_matrix_says() => CheckAsync(suite.Interactions.CreateClient(NoRedirects), AccessMatrix.Interactions);

    [Fact]
    public Task The_service_desk_answers_as_the_matrix_says() => CheckAsync(suite.ServiceDesk.CreateClient(NoRedirects), AccessMatrix.ServiceDesk);

    [Fact]
    public Task Analytics_answers_as_the_matrix_says() => CheckAsync(suite.Analytics.CreateClient(NoRedirects), AccessMatrix.Analytics);

    [Fact]
    public void Every_endpoint_of_every_service_is_in_the_matrix()
    {
        var missing = new List<string>();
        missing.AddRange(Unlisted(suite.Customers.Services, AccessMatrix.Customers));
        missing.AddRange(Unlisted(suite.Interactions.Services, AccessMatrix.Interactions));
        missing.AddRange(Unlisted(suite.ServiceDesk.Services, AccessMatrix.ServiceDesk));
        missing.AddRange(Unlisted(suite.Analytics.Services, AccessMatrix.Analytics));
        missing.ShouldBeEmpty("endpoints without a row in the authorization matrix (docs/security.md)");
    }

    private static WebApplicationFactoryClientOptions NoRedirects => new() { AllowAutoRedirect = false };

    private async Task CheckAsync(HttpClient http, IReadOnlyList<AccessMatrix.Operation> operations)
    {
        var failures = new List<string>();
        foreach (var operation in operations)
        {
            foreach (var role in CrmRoles.All)
            {
                var allowed = operation.Allows(role);
                if (allowed && operation.DeniedOnly)
                {
                    continue;
                }

                var response = await AccessFixture.CallAsync(http, operation.Method, _records.Own.Fill(operation.Path), _records.Own.BodyOf(operation.Body), role, operation.MediaType);
                var status = (int)response.StatusCode;
                if (!allowed && response.StatusCode != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{operation} as {role}: {status}, expected 403");
                }
                else if (allowed && status is 401 or 403)
                {
                    failures.Add($"{operation} as {role}: {status}, expected to be allowed — {await BodyAsync(response)}");
                }
                else if (allowed && role == CrmRoles.SalesRep && operation.Owned)
                {
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        failures.Add($"{operation} as {role} on their own customer: 404 — {await BodyAsync(response)}");
                    }

                    await CheckColleaguesRecordAsync(http, operation, failures);
                }

                if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{operation} as {role}: {status} without problem details");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    private async Task CheckColleaguesRecordAsync(HttpClient http, AccessMatrix.Operation operation, List<string> failures)
    {
        var response = await AccessFixture.CallAsync(http, operation.Method, _records.Colleagues.Fill(operation.Path), _records.Colleagues.BodyOf(operation.Body), CrmRoles.SalesRep, operation.MediaType);
        var body = await BodyAsync(response);
        var creates = operation.Method == "POST" && !operation.Path.Contains('{', StringComparison.Ordinal);
        var expected = creates ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.NotFound;
        if (response.StatusCode != expected || (creates && !body.Contains("customerId", StringComparison.Ordinal)))
        {
            failures.Add($"{operation} as sales-rep on a colleague's customer: {(int)response.StatusCode}, expected {(int)expected} as for an unknown customer — {body}");
        }
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return body.Length <= 300 ? body : body[..300];
    }

    private static IEnumerable<string> Unlisted(IServiceProvider services, IReadOnlyList<AccessMatrix.Operation> matrix)
    {
        var listed = matrix.Select(o => $"{o.Method} {o.Shape}").ToHashSet();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!route.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue; // health probes and the OpenAPI document are anonymous by design
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (!listed.Contains($"{method} {AccessMatrix.Normalized(route)}"))
                {
                    yield return $"{method} {route}";
                }
            }
        }
    }
}
