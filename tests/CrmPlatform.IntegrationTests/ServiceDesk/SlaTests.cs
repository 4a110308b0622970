using CrmPlatform.IntegrationTests.Infrastructure;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDesk.Infrastructure;
using CrmPlatform.ServiceDesk.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.ServiceDesk;

/// <summary>
/// SLA clocks against time: instances of the service desk whose clock is moved forward (a
/// <see cref="ShiftedClock"/>) stand for the service later in the day, on the same database and broker.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class SlaTests(Suite suite)
{
    [Fact]
    public async Task Pending_on_the_customer_pauses_the_clock_and_resuming_moves_the_due_times()
    {
        var clock = new ShiftedClock();
        await using var later = Instance(clock);
        var desk = new DeskClient(suite, later);
        await desk.PolicyAsync(firstResponseMinutes: 60, resolutionMinutes: 240);
        var (customer, _) = await desk.CustomerAsync();
        var ticket = await desk.OpenAsync(customer);
        var path = $"/api/tickets/{ticket.GetProperty("id").GetGuid()}";
        var due = ticket.GetProperty("sla").GetProperty("resolution").GetProperty("dueAt").GetDateTimeOffset();

        clock.Offset = TimeSpan.FromMinutes(10);
        var pending = await DeskClient.OkAsync(await desk.SendAsync(HttpMethod.Post, path + "/status", """{ "status": "pending", "reason": "Waiting for the invoice number" }"""));
        clock.Offset = TimeSpan.FromMinutes(40);
        var resumed = await DeskClient.OkAsync(await desk.SendAsync(HttpMethod.Post, path + "/status", """{ "status": "open" }"""));

        pending.GetProperty("sla").GetProperty("paused").GetBoolean().ShouldBeTrue();
        pending.GetProperty("sla").GetProperty("resolution").GetProperty("state").GetString().ShouldBe("paused");
        var moved = resumed.GetProperty("sla").GetProperty("resolution").GetProperty("dueAt").GetDateTimeOffset();
        (moved - due).TotalSeconds.ShouldBe(30 * 60, tolerance: 1);
    }

    [Fact]
    public async Task A_breach_is_published_once_per_target_even_with_concurrent_sweeps_and_a_restart()
    {
        var clock = new ShiftedClock();
        var first = Instance(clock);
        var desk = new DeskClient(suite, first);
        await desk.PolicyAsync(firstResponseMinutes: 5, resolutionMinutes: 10, escalation: new { raisePriority = true, moveToQueue = "supervisors" });
        var (customer, _) = await desk.CustomerAsync();
        var ticket = await desk.OpenAsync(customer, new { priority = "normal" });
        var id = ticket.GetProperty("id").GetGuid();

        clock.Offset = TimeSpan.FromMinutes(6); // past the first-response target, before the resolution target
        await using var second = Instance(clock);
        await Task.WhenAll(Sweep(first), Sweep(second), Sweep(first), Sweep(second));
        await first.DisposeAsync(); // the service restarts at the moment of the breach
        await using var restarted = Instance(clock);
        await Sweep(restarted);

        (await Count(customer, "TicketSlaBreached")).ShouldBe(1);
        (await Count(customer, "TicketSlaWarning")).ShouldBe(1); // first response at 80% (4 min); the resolution warns at 8 min
        var escalated = await restarted.QueryAsync(db => db.Tickets.SingleAsync(t => t.Id == id));
        escalated.Priority.ShouldBe(TicketPriority.High);
        escalated.Queue.ShouldBe("supervisors");
        escalated.Sla.FirstResponseBreachedAt.ShouldNotBeNull();

        clock.Offset = TimeSpan.FromMinutes(11);
        await Task.WhenAll(Sweep(restarted), Sweep(second));
        await Sweep(restarted);
        (await Count(customer, "TicketSlaBreached")).ShouldBe(2); // and now the resolution, once
        (await Count(customer, "TicketSlaWarning")).ShouldBe(2);
        var read = await DeskClient.OkAsync(await new DeskClient(suite, restarted).SendAsync(HttpMethod.Get, $"/api/tickets/{id}"));
        read.GetProperty("sla").GetProperty("resolution").GetProperty("state").GetString().ShouldBe("breached");
        read.GetProperty("sla").GetProperty("resolution").GetProperty("remainingSeconds").GetInt64().ShouldBeLessThan(0);
        var breached = await DeskClient.OkAsync(await new DeskClient(suite, restarted).SendAsync(HttpMethod.Get, $"/api/tickets?customerId={customer}&breach=breached"));
        breached.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ShouldBe([id]);
        var clean = await DeskClient.OkAsync(await new DeskClient(suite, restarted).SendAsync(HttpMethod.Get, $"/api/tickets?customerId={customer}&breach=none"));
        clean.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_late_first_reply_is_a_breach_at_once_without_waiting_for_the_sweep()
    {
        var clock = new ShiftedClock();
        await using var later = Instance(clock);
        var desk = new DeskClient(suite, later);
        await desk.PolicyAsync(firstResponseMinutes: 5, resolutionMinutes: 600);
        var (customer, _) = await desk.CustomerAsync();
        var ticket = await desk.OpenAsync(customer);

        clock.Offset = TimeSpan.FromMinutes(7);
        await desk.SendAsync(HttpMethod.Post, $"/api/tickets/{ticket.GetProperty("id").GetGuid()}/messages", """{ "kind": "reply", "body": "Sorry for the wait." }""");

        (await Count(customer, "TicketSlaBreached")).ShouldBe(1);
        (await Count(customer, "TicketSlaWarning")).ShouldBe(0); // a warning for a target already reached is moot
    }

    private static ServiceFactory<ServiceDeskDbContext> Instance(ShiftedClock clock)
    {
        var instance = new ServiceFactory<ServiceDeskDbContext>(services => services.AddSingleton<TimeProvider>(clock));
        _ = instance.Services; // start it
        return instance;
    }

    private static Task<int> Sweep(ServiceFactory<ServiceDeskDbContext> instance) =>
        instance.Services.GetRequiredService<SlaSweep>().SweepOnceAsync(CancellationToken.None);

    private Task<int> Count(Guid customer, string type) =>
        suite.ServiceDesk.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.CustomerId == customer && m.MessageType.EndsWith(":" + type)));
}
