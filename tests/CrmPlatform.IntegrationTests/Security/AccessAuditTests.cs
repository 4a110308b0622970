using System.Collections.Concurrent;
using System.Net;
using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.IntegrationTests.Security;

/// <summary>Denied requests and sensitive operations reach the access audit with who, what and the answer.</summary>
[Collection(SuiteCollection.Name)]
public sealed class AccessAuditTests(Suite suite)
{
    [Fact]
    public async Task Denials_and_sensitive_operations_are_audited_with_user_and_target()
    {
        var audit = new AuditCapture();
        await using var customers = suite.Customers.WithWebHostBuilder(web => web.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(audit)));
        using var http = customers.CreateClient();
        var (colleagues, _, _) = await new Customers.PortfolioClient(suite).RegisterAsync(new { ownerId = "audit.colleague" });

        await SendAsync(http, "/api/customers/export?segment=no-such-segment-anywhere", TestTokens.For("audit.manager", CrmRoles.SalesManager), HttpStatusCode.OK);
        await SendAsync(http, "/api/customers/export", TestTokens.For("audit.marketing", CrmRoles.Marketing), HttpStatusCode.Forbidden);
        await SendAsync(http, $"/api/customers/{colleagues}", TestTokens.For("audit.rep", CrmRoles.SalesRep), HttpStatusCode.NotFound);
        await SendAsync(http, "/api/customers", null, HttpStatusCode.Unauthorized);

        audit.Lines.ShouldContain(l => l.StartsWith("SensitiveOperation", StringComparison.Ordinal) && l.Contains("audit.manager") && l.Contains("export") && l.Contains("no-such-segment-anywhere"));
        audit.Lines.ShouldContain(l => l.StartsWith("AccessDenied", StringComparison.Ordinal) && l.Contains("audit.marketing") && l.Contains("/api/customers/export") && l.Contains("403"));
        audit.Lines.ShouldContain(l => l.StartsWith("AccessDenied", StringComparison.Ordinal) && l.Contains("audit.rep") && l.Contains(colleagues.ToString()) && l.Contains("404"));
        audit.Lines.ShouldContain(l => l.StartsWith("AccessDenied", StringComparison.Ordinal) && l.Contains("anonymous") && l.Contains("401"));
    }

    private static async Task SendAsync(HttpClient http, string path, string? token, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = token is null ? null : TestTokens.Bearer(token);
        if (token is null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer not-a-token");
        }

        var response = await http.SendAsync(request);
        await response.Content.ReadAsStringAsync(); // an export streams: read it to the end so the request completes
        response.StatusCode.ShouldBe(expected);
    }

    /// <summary>Keeps what is logged under the audit category, as "EventName: message".</summary>
    private sealed class AuditCapture : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => categoryName == AccessAudit.Category ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue($"{eventId.Name}: {formatter(state, exception)}");

        public void Dispose()
        {
        }
    }
}
