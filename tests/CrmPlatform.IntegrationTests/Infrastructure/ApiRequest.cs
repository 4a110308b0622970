using System.Net.Http.Headers;
using System.Text;

namespace CrmPlatform.IntegrationTests.Infrastructure;

/// <summary>One API call as the test clients make it: an optional JSON body of a media type, If-Match, and who calls.</summary>
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

        if (department is not null)
        {
            request.Headers.Add("X-Crm-Department", department);
        }

        request.Headers.Add("X-Crm-User", user);
        return await http.SendAsync(request);
    }
}
