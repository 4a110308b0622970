using System.Net.Http.Headers;
using System.Text;
using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// One API call as the test clients make it: an optional JSON body of a media type, If-Match, and who
/// calls. The caller is <c>user</c>; with <c>department</c> (comma-separated department
/// names) it holds the roles of those departments, otherwise it is an admin.
/// </summary>
public static class ApiRequest
{
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpMethod method, string path, string? json, string? ifMatch, string mediaType, string user, string? department = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        request.Authorize(TestTokens.For(user, department is null ? [CrmRoles.Admin] : RolesOf(department)));
        return await http.SendAsync(request);
    }

    /// <summary>The role that works in each department, as the interactions service maps them back.</summary>
    public static string[] RolesOf(string departments) =>
        [.. departments.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(d => d switch
        {
            "sales" => CrmRoles.SalesManager,
            "support" => CrmRoles.SupportAgent,
            "accounting" => CrmRoles.Accounting,
            "logistics" => CrmRoles.Logistics,
            "marketing" => CrmRoles.Marketing,
            _ => "unknown-role",
        })];
}
