using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// Fuzzes every operation of one service's <c>/openapi/v1.json</c> and collects every wrong answer,
/// so one run shows all that is broken rather than the first.
/// </summary>
public sealed class ServiceFuzzer(HttpClient http, RealIds realIds, Func<string, JsonNode?> knownProperties)
{
    /// <summary>Far above any answer to bad input; a request that takes longer is itself a finding.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private const string TestHostRejectsNul = "The path contains null characters.";

    /// <summary>
    /// The run. <c>Statuses</c> says per operation how many answers had each status (0: none, as the
    /// test host refuses to send a NUL in a path), to show the cases got past routing and the 404.
    /// </summary>
    public sealed record Report(int Operations, int Requests, TimeSpan Elapsed, IReadOnlyList<FuzzFailure> Failures, IReadOnlyList<string> Statuses);

    /// <param name="skip">The reason to leave an operation out, or null to fuzz it.</param>
    public async Task<Report> RunAsync(Func<ApiOperation, string?>? skip = null)
    {
        var clock = Stopwatch.StartNew();
        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = new SchemaWalker(document);
        var failures = new List<FuzzFailure>();
        var statuses = new List<string>();
        var operations = 0;
        var requests = 0;
        foreach (var operation in OpenApiReader.Operations(document))
        {
            if (skip?.Invoke(operation) is { } reason)
            {
                statuses.Add($"{operation}: skipped ({reason})");
                continue;
            }

            var target = await TargetAsync(operation, schemas);
            var answered = new SortedDictionary<int, int>();
            foreach (var fuzzCase in CaseGenerator.Cases(target))
            {
                requests++;
                var (status, failure) = await SendAsync(fuzzCase);
                answered[status] = answered.GetValueOrDefault(status) + 1;
                if (failure is not null)
                {
                    failures.Add(failure);
                }
            }

            statuses.Add($"{operation}: {string.Join(", ", answered.Select(a => $"{a.Value}×{a.Key}"))}");
            operations++;
        }

        return new Report(operations, requests, clock.Elapsed, failures, statuses);
    }

    private async Task<FuzzTarget> TargetAsync(ApiOperation operation, SchemaWalker schemas)
    {
        IReadOnlyList<string> query = operation.QueryParameters;
        IReadOnlyList<(string, string)> cursors = [];
        if (operation.Method == HttpMethod.Get)
        {
            var baselinePath = new FuzzTarget(operation, schemas, realIds, knownProperties, [], []).BaselinePath;
            query = [.. query.Union(await QueryDiscovery.ParametersAsync(http, baselinePath))];
            if (query.Contains("cursor") && query.Contains("limit"))
            {
                cursors = await QueryDiscovery.ForgedCursorsAsync(http, baselinePath);
            }
        }

        return new FuzzTarget(operation, schemas, realIds, knownProperties, query, cursors);
    }

    private async Task<(int Status, FuzzFailure? Failure)> SendAsync(FuzzCase fuzzCase)
    {
        using var request = new HttpRequestMessage(fuzzCase.Method, new Uri(fuzzCase.PathAndQuery, UriKind.Relative));
        if (fuzzCase.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzzCase.Body);
            if (fuzzCase.ContentType is { Length: > 0 } contentType)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        foreach (var (name, value) in fuzzCase.Headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            return AnswerCheck.Fault(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body) is { } fault
                ? (status, new FuzzFailure(fuzzCase, status, fault, body))
                : (status, null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (0, new FuzzFailure(fuzzCase, 0, $"no answer within {RequestTimeout.TotalSeconds} s", ""));
        }
        catch (InvalidOperationException ex) when (ex.Message == TestHostRejectsNul)
        {
            // The in-process test host refuses to build this request at all. Kestrel answers it with
            // its own 400 before any middleware runs, so there is nothing of ours to check.
            return (0, null);
        }
        catch (HttpRequestException ex)
        {
            // The test host rethrows what escaped the app's pipeline: a real server would have reset the connection.
            return (0, new FuzzFailure(fuzzCase, 0, $"the app threw {ex.InnerException?.GetType().Name ?? ex.GetType().Name}", ex.InnerException?.Message ?? ex.Message));
        }
    }
}
