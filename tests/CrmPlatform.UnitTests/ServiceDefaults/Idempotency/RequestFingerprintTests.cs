using System.Text;
using CrmPlatform.ServiceDefaults.Idempotency;

namespace CrmPlatform.UnitTests.ServiceDefaults.Idempotency;

public sealed class RequestFingerprintTests
{
    private const string Body = """{ "kind": "company", "taxId": "11222333000181" }""";

    [Fact]
    public async Task The_same_request_has_the_same_fingerprint()
    {
        var first = await FingerprintAsync("POST", "/api/customers", "application/json", Body);

        (await FingerprintAsync("POST", "/api/customers", "application/json", Body)).ShouldBe(first);
        first.Length.ShouldBe(64);
    }

    [Fact]
    public async Task The_method_name_is_compared_case_insensitively() =>
        (await FingerprintAsync("post", "/api/customers", "application/json", Body))
            .ShouldBe(await FingerprintAsync("POST", "/api/customers", "application/json", Body));

    [Theory]
    [InlineData("PUT", "/api/customers", "application/json", Body)]
    [InlineData("POST", "/api/customers/", "application/json", Body)]
    [InlineData("POST", "/api/customers?dryRun=true", "application/json", Body)]
    [InlineData("POST", "/api/customers", "application/merge-patch+json", Body)]
    [InlineData("POST", "/api/customers", null, Body)]
    [InlineData("POST", "/api/customers", "application/json", """{ "kind": "company", "taxId": "11222333000182" }""")]
    [InlineData("POST", "/api/customers", "application/json", "")]
    public async Task Any_difference_in_method_path_query_content_type_or_body_changes_it(string method, string pathAndQuery, string? contentType, string body) =>
        (await FingerprintAsync(method, pathAndQuery, contentType, body))
            .ShouldNotBe(await FingerprintAsync("POST", "/api/customers", "application/json", Body));

    [Fact]
    public async Task Fields_cannot_run_into_each_other() =>
        (await FingerprintAsync("POST", "/api/a", "b", "c"))
            .ShouldNotBe(await FingerprintAsync("POST", "/api/ab", "", "c"));

    [Fact]
    public async Task A_body_larger_than_the_read_buffer_is_hashed_whole()
    {
        var large = new string('x', 200_000);

        (await FingerprintAsync("POST", "/p", "text/csv", large + "y"))
            .ShouldNotBe(await FingerprintAsync("POST", "/p", "text/csv", large + "z"));
    }

    private static async Task<string> FingerprintAsync(string method, string pathAndQuery, string? contentType, string body)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return await RequestFingerprint.ComputeAsync(method, pathAndQuery, contentType, stream, CancellationToken.None);
    }
}
