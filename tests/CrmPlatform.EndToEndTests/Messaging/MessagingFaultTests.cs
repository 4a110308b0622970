using System.Diagnostics;
using Xunit.Abstractions;

namespace CrmPlatform.EndToEndTests.Messaging;

/// <summary>
/// kill -9 of the broker, a consumer and the publisher while customers are being registered: every
/// CustomerRegistered must still reach interactions, service desk and analytics exactly once, in order.
/// Each test registers its own customers in a country no other test uses, so one suite serves all.
/// </summary>
public sealed class MessagingFaultTests(FaultSuite suite, ITestOutputHelper output) : IClassFixture<FaultSuite>
{
    private const int Total = 2000;
    private const int KillAfter = 500;

    // xunit 2 does not reliably enforce [Fact(Timeout)] on async tests, so each test bounds itself.
    private static readonly TimeSpan _testTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan _settleWithin = TimeSpan.FromSeconds(90);

    private readonly DeliveryCheck _check = new(suite);
    private readonly Stopwatch _clock = new();

    [Fact]
    public Task Killing_the_broker_mid_stream_loses_and_duplicates_nothing() => RunAsync("AQ", async (country, cancellationToken) =>
    {
        var load = new CustomerLoad(suite.Customers, country, Total);
        var writing = load.RunAsync(cancellationToken);
        var restarts = await KillMidStreamAsync(ResourceNames.RabbitMq, load, cancellationToken);
        await writing;
        AssertAllCreated(load);

        await suite.WaitUntilRestartedAsync(ResourceNames.RabbitMq, restarts, cancellationToken);
        Log("rabbitmq restarted");
        await SettleAndAssertAsync(load.Created, country, cancellationToken);
    });

    [Fact]
    public Task Killing_a_consumer_mid_stream_loses_and_duplicates_nothing() => RunAsync("BV", async (country, cancellationToken) =>
    {
        var load = new CustomerLoad(suite.Customers, country, Total);
        var writing = load.RunAsync(cancellationToken);

        // Analytics: its country counter would show a second apply that the inbox let through.
        var restarts = await KillMidStreamAsync(ResourceNames.Analytics, load, cancellationToken);
        await writing;
        AssertAllCreated(load);

        await suite.WaitUntilRestartedAsync(ResourceNames.Analytics, restarts, cancellationToken);
        Log("analytics restarted");
        await SettleAndAssertAsync(load.Created, country, cancellationToken);
    });

    [Fact]
    public Task Killing_the_publisher_between_commit_and_publish_loses_and_duplicates_nothing() => RunAsync("HM", async (country, cancellationToken) =>
    {
        // Committed but never published: the customers service runs with its dispatcher paused.
        suite.DispatchPaused = true;
        await suite.WaitUntilRestartedAsync(ResourceNames.Customers, suite.Kill(ResourceNames.Customers), cancellationToken);
        Log("customers restarted with dispatch paused");

        var load = new CustomerLoad(suite.Customers, country, Total);
        await load.RunAsync(cancellationToken);
        AssertAllCreated(load);
        var ids = load.Created.ToArray();

        // Long enough for a dispatcher that ignored the switch to have published some.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        (await _check.UnsentAsync(ids, cancellationToken)).ShouldBe(Total, "events of the new customers waiting in the outbox");
        foreach (var (schema, database, queue) in DeliveryCheck.Consumers)
        {
            (await _check.AppliedAsync(database, schema, queue, ids, cancellationToken)).ShouldBe(0, $"events applied by {schema} while dispatch was paused");
        }

        // The process dies holding only committed, unsent events; the one the orchestrator starts must send them.
        suite.DispatchPaused = false;
        var restarts = suite.Kill(ResourceNames.Customers);
        Log("kill -9 customers with all events unsent; restarts with dispatch on");

        // And that one dies too while working through the backlog, best when a consumer has already
        // applied events the outbox has not marked sent yet: published, maybe confirmed, not marked.
        // The next process publishes those again, and the inboxes must recognise them. That window
        // is short once consumers lag behind the dispatcher, so past a quarter sent it is killed anyway.
        var progress = await WaitUntilAsync(() => DispatchProgressAsync(ids, cancellationToken),
            p => p.Applied > p.Sent || p.Sent >= Total / 4, cancellationToken);
        suite.Kill(ResourceNames.Customers);
        Log($"kill -9 customers while dispatching: {progress.Sent} of {Total} marked sent, up to {progress.Applied} applied");
        progress.Sent.ShouldBeLessThan(Total, "events marked sent at the second kill: the backlog was already sent");

        await suite.WaitUntilRestartedAsync(ResourceNames.Customers, restarts + 1, cancellationToken);
        Log("customers restarted");
        await SettleAndAssertAsync(load.Created, country, cancellationToken);
    });

    private async Task<int> KillMidStreamAsync(string resource, CustomerLoad load, CancellationToken cancellationToken)
    {
        await load.WhenCreatedAsync(KillAfter, cancellationToken);
        var created = load.CreatedCount;
        var restarts = suite.Kill(resource);
        Log($"kill -9 {resource} at {created} customers created");

        // Otherwise the kill hit an idle stream and proves little.
        created.ShouldBeLessThan(Total, "customers created before the kill: the load ended before it");
        return restarts;
    }

    private void AssertAllCreated(CustomerLoad load)
    {
        Log($"load finished: {load.CreatedCount} created, {load.Failures.Count} failed");
        load.Failures.Take(5).ShouldBeEmpty("registrations not answered 201 (first 5)");
        load.CreatedCount.ShouldBe(Total);
    }

    private async Task SettleAndAssertAsync(IReadOnlyCollection<Guid> customers, string country, CancellationToken cancellationToken)
    {
        await _check.WaitUntilSettledAsync(customers, _settleWithin, Log, cancellationToken);
        Log("all events applied, nothing in flight");
        await _check.AssertExactlyOnceAsync(customers, country, cancellationToken);
    }

    /// <summary>Events applied by the furthest consumer, read before those marked sent, so applied &gt; sent proves some are published and not marked.</summary>
    private async Task<(long Applied, long Sent)> DispatchProgressAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        long applied = 0;
        foreach (var (schema, database, queue) in DeliveryCheck.Consumers)
        {
            applied = Math.Max(applied, await _check.AppliedAsync(database, schema, queue, ids, cancellationToken));
        }

        return (applied, ids.Length - await _check.UnsentAsync(ids, cancellationToken));
    }

    private static async Task<T> WaitUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> until, CancellationToken cancellationToken)
    {
        var value = await probe();
        while (!until(value))
        {
            await Task.Delay(10, cancellationToken);
            value = await probe();
        }

        return value;
    }

    /// <summary>Bounds the test, logs its steps with times, and on failure adds the suite's logs to the output.</summary>
    private async Task RunAsync(string country, Func<string, CancellationToken, Task> test)
    {
        using var timeout = new CancellationTokenSource(_testTimeout);
        _clock.Start();
        try
        {
            await suite.ResetAsync(timeout.Token);
            Log($"suite ready; country {country}");
            await test(country, timeout.Token);
            Log("passed");
        }
        catch (Exception e)
        {
            Log($"failed: {e.Message}");
            output.WriteLine(suite.Diagnostics());
            if (e is OperationCanceledException && timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"The test did not finish within {_testTimeout.TotalSeconds:0} s.", e);
            }

            throw;
        }
    }

    private void Log(string step) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {step}");
}
