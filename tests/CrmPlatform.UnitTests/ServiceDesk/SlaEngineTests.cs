using CrmPlatform.ServiceDesk.Calendars;
using CrmPlatform.ServiceDesk.Policies;
using CrmPlatform.ServiceDesk.Satisfaction;
using CrmPlatform.ServiceDesk.Tickets;

namespace CrmPlatform.UnitTests.ServiceDesk;

public sealed class SlaEngineTests
{
    private static readonly IReadOnlyList<WorkingInterval> _office = [new(9 * 60, 18 * 60)];

    private static readonly BusinessClock _bucharest = new(
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Bucharest"),
        new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>>
        {
            [DayOfWeek.Monday] = _office, [DayOfWeek.Tuesday] = _office, [DayOfWeek.Wednesday] = _office,
            [DayOfWeek.Thursday] = _office, [DayOfWeek.Friday] = _office,
        },
        [new DateOnly(2026, 10, 26)]);

    private static readonly SlaPolicy _policy = new()
    {
        Id = Guid.NewGuid(),
        Name = "Standard",
        CalendarId = Guid.NewGuid(),
        WarningPercent = 80,
        Targets = new()
        {
            [TicketPriority.Low] = new(480, 2400), [TicketPriority.Normal] = new(120, 960),
            [TicketPriority.High] = new(60, 480), [TicketPriority.Urgent] = new(30, 240),
        },
    };

    [Fact]
    public void Due_times_count_business_hours_across_a_weekend_a_daylight_saving_change_and_a_holiday()
    {
        // Friday 23 Oct 2026 16:00 in Bucharest (13:00 UTC, summer time). The clocks go back on Sunday
        // the 25th and Monday the 26th is a holiday in this calendar: 2 h on Friday, then Tuesday.
        var ticket = Open(new DateTimeOffset(2026, 10, 23, 13, 0, 0, TimeSpan.Zero), TicketPriority.Normal);

        ticket.Sla.FirstResponseDueAt.ShouldBe(new DateTimeOffset(2026, 10, 23, 15, 0, 0, TimeSpan.Zero)); // Friday 18:00 local
        // 16 h: 2 h on Friday, 9 h on Tuesday, 5 h on Wednesday → Wednesday 14:00 local, now winter time (UTC+2).
        ticket.Sla.ResolutionDueAt.ShouldBe(new DateTimeOffset(2026, 10, 28, 12, 0, 0, TimeSpan.Zero));
        ticket.Sla.FirstResponseWarnAt.ShouldBe(new DateTimeOffset(2026, 10, 23, 14, 36, 0, TimeSpan.Zero)); // 80% of 2 h
    }

    [Fact]
    public void Waiting_on_the_customer_pauses_the_clock_for_the_business_time_it_waited()
    {
        var ticket = Open(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), TicketPriority.High); // Monday 10:00 local
        var due = ticket.Sla.ResolutionDueAt!.Value;

        ticket.Status = TicketStatus.Pending;
        SlaEngine.Pause(ticket, new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero)); // Monday 16:00 local
        ticket.Sla.NextCheckAt.ShouldBeNull();
        ticket.Status = TicketStatus.Open;
        SlaEngine.Resume(ticket, new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), _bucharest); // Tuesday 11:00 local

        ticket.Sla.PausedSeconds.ShouldBe(4 * 3600); // Monday 16–18 and Tuesday 9–11; the night does not count
        ticket.Sla.ResolutionDueAt.ShouldBe(_bucharest.Add(due, TimeSpan.FromHours(4)));
        ticket.Sla.NextCheckAt.ShouldBe(ticket.Sla.FirstResponseWarnAt);
    }

    [Fact]
    public void A_ticket_without_a_policy_has_no_clock()
    {
        var ticket = new Ticket { Subject = "s", Description = "d", OpenedBy = "x", OpenedAt = DateTimeOffset.UtcNow, Status = TicketStatus.New };

        SlaEngine.Start(ticket, null, null);

        ticket.Sla.PolicyId.ShouldBeNull();
        SlaEngine.NextCheck(ticket).ShouldBeNull();
    }

    [Theory]
    [InlineData(TicketStatus.New, TicketStatus.Resolved, true)]
    [InlineData(TicketStatus.Pending, TicketStatus.Open, true)]
    [InlineData(TicketStatus.Resolved, TicketStatus.Open, true)]
    [InlineData(TicketStatus.Open, TicketStatus.Closed, false)]
    [InlineData(TicketStatus.Closed, TicketStatus.Open, false)]
    [InlineData(TicketStatus.Open, TicketStatus.New, false)]
    public void The_workflow_allows_only_its_moves(TicketStatus from, TicketStatus to, bool allowed) =>
        TicketWorkflow.CanMove(from, to).ShouldBe(allowed);

    [Fact]
    public void Nps_is_promoters_minus_detractors_in_percent()
    {
        Nps.Summarize([10, 9, 9, 8, 7, 6, 0]).Nps.ShouldBe(14.3); // 3 − 2 of 7
        Nps.Summarize([]).Nps.ShouldBeNull();
        Nps.Category(8).ShouldBe("passive");
    }

    private static Ticket Open(DateTimeOffset at, TicketPriority priority)
    {
        var ticket = new Ticket { Subject = "s", Description = "d", OpenedBy = "x", OpenedAt = at, Priority = priority, Status = TicketStatus.New };
        SlaEngine.Start(ticket, _policy, _bucharest);
        return ticket;
    }
}
