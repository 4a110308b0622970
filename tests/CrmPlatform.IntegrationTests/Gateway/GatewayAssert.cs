using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.IntegrationTests.Gateway;

internal static class GatewayAssert
{
    /// <summary>An RFC 9457 answer of the given status and stable type, with a title and a detail.</summary>
    public static async Task ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("type").GetString().ShouldBe(Problems.TypeBase + type);
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.RootElement.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.RootElement.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    public static HttpRequestMessage WithToken(this HttpRequestMessage request, string subject)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Infrastructure.TestTokens.For(subject, CrmRoles.Admin));
        return request;
    }

    public static Task<HttpResponseMessage> GetAsUserAsync(this HttpClient client, string path, string subject)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path).WithToken(subject);
        return client.SendAsync(request);
    }
}
