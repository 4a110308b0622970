using CrmPlatform.ServiceDesk.Calendars;

namespace CrmPlatform.UnitTests.ServiceDesk;

public sealed class BusinessClockTests
{
    private static readonly TimeZoneInfo _bucharest = TimeZoneInfo.FindSystemTimeZoneById("Europe/Bucharest");
    private static readonly TimeZoneInfo _saoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
    private static readonly DayOfWeek[] _weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    private static readonly DayOfWeek[] _everyDay = Enum.GetValues<DayOfWeek>();
    private static readonly DateOnly[] _noHolidays = [];

    [Fact]
    public void Friday_17_00_plus_two_business_hours_is_Monday_10_00()
    {
        var clock = Office(_bucharest);

        var due = clock.Add(Local(_bucharest, 2026, 11, 20, 17), TimeSpan.FromHours(2));

        due.ShouldBe(Local(_bucharest, 2026, 11, 23, 10));
        due.Offset.ShouldBe(TimeSpan.Zero);
        due.ShouldBe(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        clock.Between(Local(_bucharest, 2026, 11, 20, 17), due).ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void Time_runs_out_exactly_at_the_end_of_the_day_not_at_the_next_morning()
    {
        var clock = Office(_bucharest);

        clock.Add(Local(_bucharest, 2026, 11, 20, 17), TimeSpan.FromHours(1)).ShouldBe(Local(_bucharest, 2026, 11, 20, 18));
    }

    [Fact]
    public void A_lunch_break_is_not_counted()
    {
        // Intervals given out of order.
        var clock = new BusinessClock(_bucharest, Hours(_weekdays, W(13 * 60, 18 * 60), W(9 * 60, 12 * 60)), _noHolidays);

        clock.Add(Local(_bucharest, 2026, 11, 23, 11, 30), TimeSpan.FromHours(1)).ShouldBe(Local(_bucharest, 2026, 11, 23, 13, 30));
        clock.Add(Local(_bucharest, 2026, 11, 23, 12, 15), TimeSpan.FromMinutes(30)).ShouldBe(Local(_bucharest, 2026, 11, 23, 13, 30));
        clock.Add(Local(_bucharest, 2026, 11, 27, 17, 30), TimeSpan.FromHours(1)).ShouldBe(Local(_bucharest, 2026, 11, 30, 9, 30));
        clock.Between(Local(_bucharest, 2026, 11, 23, 0), Local(_bucharest, 2026, 11, 24, 0)).ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public void Touching_intervals_count_as_one_stretch()
    {
        var clock = new BusinessClock(_bucharest, Hours(_weekdays, W(12 * 60, 18 * 60), W(9 * 60, 12 * 60)), _noHolidays);

        clock.Add(Local(_bucharest, 2026, 11, 23, 11), TimeSpan.FromHours(2)).ShouldBe(Local(_bucharest, 2026, 11, 23, 13));
        clock.IsWorking(Local(_bucharest, 2026, 11, 23, 12)).ShouldBeTrue();
    }

    [Fact]
    public void Christmas_is_skipped()
    {
        var clock = Office(_bucharest, new DateOnly(2026, 12, 25));

        clock.Add(Local(_bucharest, 2026, 12, 24, 17), TimeSpan.FromHours(2)).ShouldBe(Local(_bucharest, 2026, 12, 28, 10));
        clock.Between(Local(_bucharest, 2026, 12, 21, 0), Local(_bucharest, 2026, 12, 28, 0)).ShouldBe(TimeSpan.FromHours(36));
    }

    [Fact]
    public void A_holiday_on_the_Monday_after_a_weekend_moves_the_deadline_to_Tuesday()
    {
        var clock = Office(_bucharest, new DateOnly(2026, 6, 1));

        clock.Add(Local(_bucharest, 2026, 5, 29, 17), TimeSpan.FromHours(2)).ShouldBe(Local(_bucharest, 2026, 6, 2, 10));
    }

    [Fact]
    public void A_start_on_Saturday_counts_from_Monday_09_00()
    {
        var clock = Office(_bucharest);
        var saturday = Local(_bucharest, 2026, 11, 21, 10);

        clock.Add(saturday, TimeSpan.FromHours(1)).ShouldBe(Local(_bucharest, 2026, 11, 23, 10));
        clock.Between(saturday, Local(_bucharest, 2026, 11, 23, 10)).ShouldBe(TimeSpan.FromHours(1));
        clock.Add(Local(_bucharest, 2026, 11, 24, 20), TimeSpan.FromMinutes(30)).ShouldBe(Local(_bucharest, 2026, 11, 25, 9, 30));
    }

    [Fact]
    public void Adding_nothing_returns_the_start_even_outside_working_hours_and_in_UTC()
    {
        var clock = Office(_bucharest);
        var saturday = Local(_bucharest, 2026, 11, 21, 10);

        var same = clock.Add(saturday, TimeSpan.Zero);

        same.ShouldBe(saturday);
        same.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void A_negative_duration_is_refused_and_an_empty_range_has_no_working_time()
    {
        var clock = Office(_bucharest);
        var monday = Local(_bucharest, 2026, 11, 23, 10);

        Should.Throw<ArgumentOutOfRangeException>(() => clock.Add(monday, TimeSpan.FromTicks(-1)));
        clock.Between(monday, monday).ShouldBe(TimeSpan.Zero);
        clock.Between(monday, monday.AddHours(-3)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void A_year_of_business_time_ends_on_the_last_Friday_at_18_00()
    {
        var clock = Office(_bucharest);
        var start = Local(_bucharest, 2026, 1, 5, 9);

        var due = clock.Add(start, TimeSpan.FromHours(52 * 45));

        due.ShouldBe(Local(_bucharest, 2027, 1, 1, 18));
        clock.Between(start, due).ShouldBe(TimeSpan.FromHours(52 * 45));
    }

    [Theory]
    [InlineData(2026, 3, 29, 23)] // Bucharest springs forward 03:00 → 04:00
    [InlineData(2026, 10, 25, 25)] // Bucharest falls back 04:00 → 03:00
    public void A_whole_day_calendar_counts_the_hour_gained_or_lost_in_Bucharest(int year, int month, int day, int hours)
    {
        var date = new DateOnly(year, month, day);
        var clock = new BusinessClock(_bucharest, Hours([date.DayOfWeek], W(0, 1440)), _noHolidays);

        var week = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue).AddDays(-3), TimeSpan.Zero);
        clock.Between(week, week.AddDays(7)).ShouldBe(TimeSpan.FromHours(hours));
    }

    [Theory]
    [InlineData(2018, 11, 4, 23)] // São Paulo sprang forward at midnight: 2018-11-04 began at 01:00
    [InlineData(2019, 2, 16, 25)] // São Paulo fell back at midnight of 2019-02-17 to 23:00 of the 16th, so the 16th had 25 hours
    [InlineData(2019, 2, 17, 24)]
    public void A_whole_day_calendar_counts_the_hour_gained_or_lost_in_Sao_Paulo(int year, int month, int day, int hours)
    {
        var date = new DateOnly(year, month, day);
        var clock = new BusinessClock(_saoPaulo, Hours([date.DayOfWeek], W(0, 1440)), _noHolidays);

        var week = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue).AddDays(-3), TimeSpan.Zero);
        clock.Between(week, week.AddDays(7)).ShouldBe(TimeSpan.FromHours(hours));
    }

    [Fact]
    public void The_Sao_Paulo_spring_forward_day_starts_at_01_00_local()
    {
        var clock = new BusinessClock(_saoPaulo, Hours([DayOfWeek.Sunday], W(0, 1440)), _noHolidays);

        clock.IsWorking(new DateTimeOffset(2018, 11, 4, 2, 59, 59, TimeSpan.Zero)).ShouldBeFalse(); // Saturday 23:59:59 at -03:00
        clock.IsWorking(new DateTimeOffset(2018, 11, 4, 3, 0, 0, TimeSpan.Zero)).ShouldBeTrue(); // Sunday 01:00 at -02:00
        clock.Add(new DateTimeOffset(2018, 11, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(23))
            .ShouldBe(new DateTimeOffset(2018, 11, 5, 2, 0, 0, TimeSpan.Zero)); // Monday 00:00 at -02:00
    }

    [Fact]
    public void An_office_calendar_in_Bucharest_is_unaffected_by_the_night_time_changes()
    {
        var clock = Office(_bucharest);

        clock.Add(Local(_bucharest, 2026, 3, 27, 17), TimeSpan.FromHours(2)).ShouldBe(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero));
        clock.Add(Local(_bucharest, 2026, 10, 23, 17), TimeSpan.FromHours(2)).ShouldBe(new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero));
        clock.Between(Local(_bucharest, 2026, 3, 23, 0), Local(_bucharest, 2026, 4, 6, 0)).ShouldBe(TimeSpan.FromHours(90));
        clock.Between(Local(_bucharest, 2026, 10, 19, 0), Local(_bucharest, 2026, 11, 2, 0)).ShouldBe(TimeSpan.FromHours(90));
    }

    [Fact]
    public void An_office_calendar_in_Sao_Paulo_keeps_nine_hours_a_day_across_the_changes()
    {
        var clock = Office(_saoPaulo);

        clock.Add(Local(_saoPaulo, 2018, 11, 2, 17), TimeSpan.FromHours(2)).ShouldBe(new DateTimeOffset(2018, 11, 5, 12, 0, 0, TimeSpan.Zero));
        clock.Add(Local(_saoPaulo, 2019, 2, 15, 17), TimeSpan.FromHours(2)).ShouldBe(new DateTimeOffset(2019, 2, 18, 13, 0, 0, TimeSpan.Zero));
        clock.Between(Local(_saoPaulo, 2018, 10, 29, 0), Local(_saoPaulo, 2018, 11, 12, 0)).ShouldBe(TimeSpan.FromHours(90));
    }

    [Theory]
    [InlineData(2026, 3, 29, 0, 360, 300)] // 00:00–06:00 loses the skipped hour
    [InlineData(2026, 3, 29, 210, 360, 120)] // a start at 03:30 (skipped) moves to 04:00
    [InlineData(2026, 3, 29, 0, 210, 180)] // an end at 03:30 (skipped) moves to 04:00, which is 03:00 + 1 h of real time
    [InlineData(2026, 3, 29, 180, 240, 0)] // an interval wholly inside the skipped hour has no working time
    [InlineData(2026, 10, 25, 0, 360, 420)] // 00:00–06:00 gains the repeated hour
    [InlineData(2026, 10, 25, 210, 360, 210)] // a start at 03:30 (repeated) takes the first 03:30
    [InlineData(2026, 10, 25, 0, 210, 270)] // an end at 03:30 (repeated) takes the second 03:30
    [InlineData(2026, 10, 25, 0, 180, 180)] // an end at 03:00, the time the clock falls back to, is the first 03:00
    public void Interval_boundaries_in_the_changed_hour_neither_lose_nor_double_time(int year, int month, int day, int startMinute, int endMinute, int minutes)
    {
        var date = new DateOnly(year, month, day);
        var clock = new BusinessClock(_bucharest, Hours([date.DayOfWeek], W(startMinute, endMinute)), _noHolidays);

        var week = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue).AddDays(-3), TimeSpan.Zero);
        clock.Between(week, week.AddDays(7)).ShouldBe(TimeSpan.FromMinutes(minutes));
    }

    [Fact]
    public void A_24x7_calendar_counts_real_elapsed_time_across_daylight_saving()
    {
        foreach (var zone in new[] { _bucharest, _saoPaulo })
        {
            var clock = new BusinessClock(zone, Hours(_everyDay, W(0, 1440)), _noHolidays);
            foreach (var start in new[] { Utc(2018, 11, 3, 20), Utc(2019, 2, 16, 1), Utc(2026, 3, 28, 23), Utc(2026, 10, 24, 23, 30) })
            {
                clock.Add(start, TimeSpan.FromHours(50)).ShouldBe(start.AddHours(50), zone.Id);
                clock.Between(start, start.AddHours(50)).ShouldBe(TimeSpan.FromHours(50), zone.Id);
                clock.IsWorking(start).ShouldBeTrue(zone.Id);
            }
        }
    }

    [Fact]
    public void IsWorking_includes_the_start_of_an_interval_and_excludes_its_end_breaks_weekends_and_holidays()
    {
        var clock = new BusinessClock(_bucharest, Hours(_weekdays, W(9 * 60, 12 * 60), W(13 * 60, 18 * 60)), [new DateOnly(2026, 12, 25)]);

        clock.IsWorking(Local(_bucharest, 2026, 11, 23, 9)).ShouldBeTrue();
        clock.IsWorking(Local(_bucharest, 2026, 11, 23, 17, 59)).ShouldBeTrue();
        clock.IsWorking(Local(_bucharest, 2026, 11, 23, 8, 59)).ShouldBeFalse();
        clock.IsWorking(Local(_bucharest, 2026, 11, 23, 12, 30)).ShouldBeFalse();
        clock.IsWorking(Local(_bucharest, 2026, 11, 23, 18)).ShouldBeFalse();
        clock.IsWorking(Local(_bucharest, 2026, 11, 21, 10)).ShouldBeFalse(); // Saturday
        clock.IsWorking(Local(_bucharest, 2026, 12, 25, 10)).ShouldBeFalse(); // Christmas
        clock.IsWorking(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(-5))).ShouldBeTrue(); // 17:00 on Monday in Bucharest
    }

    [Fact]
    public void Business_time_added_is_business_time_between_over_random_starts_and_durations()
    {
        var random = new Random(20261123);
        var windows = new[]
        {
            Utc(2018, 10, 25), Utc(2019, 2, 5), Utc(2026, 3, 20), Utc(2026, 10, 15), Utc(2026, 12, 18),
        };
        var holidays = new[] { new DateOnly(2018, 11, 2), new DateOnly(2019, 2, 18), new DateOnly(2026, 3, 30), new DateOnly(2026, 10, 26), new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1) };
        var night = new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>>
        {
            [DayOfWeek.Saturday] = [W(150, 195), W(23 * 60, 1440)],
            [DayOfWeek.Sunday] = [W(0, 180), W(210, 1440)],
            [DayOfWeek.Monday] = [W(0, 60), W(22 * 60, 1440)],
            [DayOfWeek.Tuesday] = [W(0, 120)],
        };
        foreach (var zone in new[] { _bucharest, _saoPaulo, TimeZoneInfo.Utc })
        {
            var clocks = new[]
            {
                new BusinessClock(zone, Hours(_weekdays, W(13 * 60, 18 * 60), W(9 * 60, 12 * 60)), holidays),
                new BusinessClock(zone, Hours(_everyDay, W(0, 1440)), holidays),
                new BusinessClock(zone, night, holidays),
            };
            foreach (var clock in clocks)
            {
                for (var i = 0; i < 3000; i++)
                {
                    var start = windows[random.Next(windows.Length)].AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 21));
                    var duration = (i % 4) switch
                    {
                        0 => TimeSpan.FromMinutes(random.Next(0, 200 * 60)),
                        1 => TimeSpan.FromTicks(random.NextInt64(TimeSpan.TicksPerHour * 300)),
                        2 => TimeSpan.FromTicks(random.NextInt64(TimeSpan.TicksPerMinute * 10)),
                        _ => TimeSpan.Zero,
                    };

                    var due = clock.Add(start, duration);

                    var what = $"{zone.Id} {start:O} + {duration}";
                    due.Offset.ShouldBe(TimeSpan.Zero, what);
                    due.ShouldBeGreaterThanOrEqualTo(start, what);
                    clock.Between(start, due).ShouldBe(duration, what);
                    if (duration > TimeSpan.Zero)
                    {
                        clock.Between(start, due.AddTicks(-1)).ShouldBeLessThan(duration, what); // the earliest such instant
                    }

                    clock.Between(start, start.AddTicks(1)).ShouldBe(clock.IsWorking(start) ? TimeSpan.FromTicks(1) : TimeSpan.Zero, what);
                }
            }
        }
    }

    [Fact]
    public void Check_accepts_a_valid_calendar_with_touching_intervals_in_any_order()
    {
        BusinessClock.Check(Hours(_weekdays, W(12 * 60, 18 * 60), W(9 * 60, 12 * 60)), [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 26)])
            .ShouldBeEmpty();
    }

    [Fact]
    public void Check_reports_an_overlap_against_the_interval_it_overlaps()
    {
        var problems = BusinessClock.Check(Hours([DayOfWeek.Monday], W(9 * 60, 12 * 60), W(11 * 60, 13 * 60)), _noHolidays);

        problems.ShouldBe(new Dictionary<string, string> { ["hours.monday[1]"] = "Overlaps 09:00–12:00." });
    }

    [Fact]
    public void Check_reports_an_interval_given_twice()
    {
        var problems = BusinessClock.Check(Hours([DayOfWeek.Friday], W(9 * 60, 18 * 60), W(9 * 60, 18 * 60)), _noHolidays);

        problems.ShouldBe(new Dictionary<string, string> { ["hours.friday[1]"] = "Given twice." });
    }

    [Fact]
    public void Check_reports_a_calendar_without_working_hours()
    {
        BusinessClock.Check(new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>>(), _noHolidays)
            .ShouldBe(new Dictionary<string, string> { ["hours"] = "No working hours on any day." });
        BusinessClock.Check(Hours(_everyDay), _noHolidays)
            .ShouldBe(new Dictionary<string, string> { ["hours"] = "No working hours on any day." });
    }

    [Fact]
    public void Check_reports_minutes_out_of_range_and_a_start_not_before_the_end()
    {
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>>
        {
            [DayOfWeek.Monday] = [W(-1, 60), W(600, 1441), W(600, 600), W(700, 650)],
            [DayOfWeek.Sunday] = [W(0, 1440)],
        };

        var problems = BusinessClock.Check(hours, _noHolidays);

        problems.Keys.ShouldBe(["hours.monday[0]", "hours.monday[1]", "hours.monday[2]", "hours.monday[3]"], ignoreOrder: true);
        problems["hours.monday[0]"].ShouldBe("Minutes must be from 0 (00:00) to 1440 (24:00).");
        problems["hours.monday[1]"].ShouldBe("Minutes must be from 0 (00:00) to 1440 (24:00).");
        problems["hours.monday[2]"].ShouldBe("Start must be before end.");
        problems["hours.monday[3]"].ShouldBe("Start must be before end.");
    }

    [Fact]
    public void Check_reports_a_holiday_given_twice_at_its_second_position()
    {
        var problems = BusinessClock.Check(Hours(_weekdays, W(9 * 60, 18 * 60)), [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 26), new DateOnly(2026, 12, 25)]);

        problems.ShouldBe(new Dictionary<string, string> { ["holidays[2]"] = "Given twice." });
    }

    [Fact]
    public void A_clock_refuses_intervals_it_cannot_read()
    {
        Should.Throw<ArgumentException>(() => new BusinessClock(_bucharest, Hours([DayOfWeek.Monday], W(600, 500)), _noHolidays));
        Should.Throw<ArgumentException>(() => new BusinessClock(_bucharest, Hours([DayOfWeek.Monday], W(0, 1500)), _noHolidays));
    }

    [Fact]
    public void A_calendar_without_any_working_hours_throws_instead_of_looping_forever()
    {
        var clock = new BusinessClock(_bucharest, Hours(_everyDay), _noHolidays);
        var monday = Local(_bucharest, 2026, 11, 23, 10);

        Should.Throw<InvalidOperationException>(() => clock.Add(monday, TimeSpan.FromMinutes(1))).Message.ShouldContain("no working time");
        clock.Between(monday, monday.AddDays(30)).ShouldBe(TimeSpan.Zero);
        clock.IsWorking(monday).ShouldBeFalse();
        clock.Add(monday, TimeSpan.Zero).ShouldBe(monday);
    }

    [Fact]
    public void A_calendar_whose_every_working_day_is_a_holiday_for_five_years_throws()
    {
        var mondays = new List<DateOnly>();
        for (var day = new DateOnly(2026, 11, 23); day.Year < 2033; day = day.AddDays(7))
        {
            mondays.Add(day);
        }

        var clock = new BusinessClock(_bucharest, Hours([DayOfWeek.Monday], W(9 * 60, 18 * 60)), mondays);

        Should.Throw<InvalidOperationException>(() => clock.Add(Local(_bucharest, 2026, 11, 20, 10), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Holidays_for_four_years_only_delay_the_deadline()
    {
        var mondays = new List<DateOnly>();
        for (var day = new DateOnly(2026, 11, 23); day.Year < 2030; day = day.AddDays(7))
        {
            mondays.Add(day);
        }

        var clock = new BusinessClock(_bucharest, Hours([DayOfWeek.Monday], W(9 * 60, 18 * 60)), mondays);

        clock.Add(Local(_bucharest, 2026, 11, 20, 10), TimeSpan.FromHours(1)).ShouldBe(Local(_bucharest, 2030, 1, 7, 10));
    }

    private static BusinessClock Office(TimeZoneInfo zone, params DateOnly[] holidays) =>
        new(zone, Hours(_weekdays, W(9 * 60, 18 * 60)), holidays);

    private static WorkingInterval W(int startMinute, int endMinute) => new(startMinute, endMinute);

    private static Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> Hours(DayOfWeek[] days, params WorkingInterval[] intervals)
    {
        var hours = new Dictionary<DayOfWeek, IReadOnlyList<WorkingInterval>>();
        foreach (var day in days)
        {
            hours[day] = intervals;
        }

        return hours;
    }

    /// <summary>A wall-clock time in a zone (neither skipped nor repeated), as an offset time.</summary>
    private static DateTimeOffset Local(TimeZoneInfo zone, int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
