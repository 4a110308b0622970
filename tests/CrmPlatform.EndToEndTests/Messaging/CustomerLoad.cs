using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmPlatform.EndToEndTests.Messaging;

/// <summary>
/// Concurrent writers registering <c>total</c> customers in one country through <c>POST /api/customers</c>.
/// A 201 counts as created; anything else, a request without an answer included, is recorded as a
/// failure for the test to assert on: the customers service takes writes without the broker.
/// </summary>
public sealed class CustomerLoad(HttpClient customers, string country, int total, int writers = 8)
{
    private readonly ConcurrentDictionary<Guid, byte> _created = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private int _next;
    private int _finished;

    public IReadOnlyCollection<Guid> Created => [.. _created.Keys];

    public int CreatedCount => _created.Count;

    public IReadOnlyCollection<string> Failures => [.. _failures];

    public bool Finished => Volatile.Read(ref _finished) == 1;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => WriteAsync(cancellationToken), cancellationToken)));
        }
        finally
        {
            Volatile.Write(ref _finished, 1);
        }
    }

    /// <summary>Returns once <paramref name="count"/> customers are created (or the load ended short of it).</summary>
    public async Task WhenCreatedAsync(int count, CancellationToken cancellationToken)
    {
        while (CreatedCount < count && !Finished)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        for (var i = Interlocked.Increment(ref _next); i <= total; i = Interlocked.Increment(ref _next))
        {
            // The run prefix keeps tax ids unique across tests and repeated runs against one suite.
            var request = new
            {
                kind = "company",
                legalName = string.Create(CultureInfo.InvariantCulture, $"Fault {country} {_run} {i}"),
                country,
                taxId = string.Create(CultureInfo.InvariantCulture, $"F{_run}{i:D12}"),
            };
            if (await RegisterAsync(request, cancellationToken) is { } id && !_created.TryAdd(id, 0))
            {
                _failures.Enqueue($"customer {id} was answered for two different requests");
            }
        }
    }

    private async Task<Guid?> RegisterAsync(object request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await customers.PostAsJsonAsync("/api/customers", request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _failures.Enqueue($"no answer: {e.GetType().Name}: {e.Message}");
            return null;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return GuidProperty(body, "id");
            }

            _failures.Enqueue($"{(int)response.StatusCode}: {body}");
            return null;
        }
    }

    private static Guid GuidProperty(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(name).GetGuid();
    }
}
