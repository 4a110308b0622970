using System.Net;
using System.Net.Http.Headers;
using CrmPlatform.IntegrationTests.Infrastructure;

namespace CrmPlatform.IntegrationTests.Customers;

/// <summary>Errors are problems even when the caller's Accept names no JSON type (found by the OpenAPI fuzz).</summary>
[Collection(SuiteCollection.Name)]
public sealed class ProblemAnswerTests(Suite suite)
{
    [Theory]
    [InlineData("GET", "/api/customers/not-an-id", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/customers", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/customers/01a23b4f-073e-7c47-afb3-1c9346c35d94/history?limit=abc", HttpStatusCode.BadRequest)]
    public async Task A_routing_or_binding_error_asked_for_as_xml_is_still_a_problem(string method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));

        var response = await suite.Customers.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(expected);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", await response.Content.ReadAsStringAsync());
    }
}
