using System.Collections.Concurrent;
using System.Globalization;

namespace CrmPlatform.ServiceDesk.Calendars;

/// <summary>
/// Business time of one calendar: weekly working hours (local wall-clock times in a time zone) minus holidays.
/// Each local date is turned once into its working spans in UTC ticks (daylight saving applied, see <see cref="StartInstant"/>
/// and <see cref="EndInstant"/>) and cached, so <see cref="Add"/> and <see cref="Between"/> walk day by day without allocating.
/// Instances are immutable apart from that cache and safe to share between threads.
/// </summary>
public sealed class BusinessClock
{
    internal const int MinutesPerDay = 1440;

    /// <summary>How far <see cref="Add"/> looks for working time before giving up.</summary>
    internal const int GuardYears = 5;

    private const int GuardDays = (GuardYears * 366) + 1;

    /// <summary>Days cached per calendar (about 270 years); days beyond are computed each time.</summary>
    private const int CacheCapacity = 100_000;

    private static readonly long[] _noSpans = [];

    private readonly TimeZoneInfo _zone;

    /// <summary>Per <see cref="DayOfWeek"/>: sorted, merged local minutes as start, end, start, end…</summary>
    private readonly int[][] _week;

    private readonly HashSet<DateOnly> _holidays;
    private readonly bool _hasWorkingDay;

    /// <summary>Day number of a local date → its working spans as UTC ticks start, end, start, end…, sorted and disjoint.</summary>
    private readonly ConcurrentDictionary<int, long[]> _days = new();
    private int _cachedDays;

    /// <summary>
    /// A clock for a calendar. Intervals may come in any order; overlapping or touching ones of a day are merged
    /// (<see cref="Check"/> reports overlaps to the user). Throws <see cref="ArgumentException"/> for intervals that cannot be
    /// read at all (minutes outside 0–1440, start not before end).
    /// </summary>
    public BusinessClock(TimeZoneInfo zone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> hours, IReadOnlyCollection<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(holidays);

        _zone = zone;
        _week = new int[7][];
        for (var d = 0; d < 7; d++)
        {
            _week[d] = [];
        }

        foreach (var (day, intervals) in hours)
        {
            if ((uint)day > (uint)DayOfWeek.Saturday)
            {
                throw new ArgumentException($"Not a day of the week: {(int)day}.", nameof(hours));
            }

            var minutes = Merge(intervals)
                ?? throw new ArgumentException($"The working hours of {DayName(day)} are invalid; see BusinessClock.Check.", nameof(hours));
            _week[(int)day] = minutes;
            _hasWorkingDay |= minutes.Length > 0;
        }

        _holidays = [.. holidays];
    }

    /// <summary>
    /// The instant at which <paramref name="businessTime"/> of working time has elapsed, counting from <paramref name="start"/>
    /// (which may be outside working hours: counting begins at the next working instant). Add(start, TimeSpan.Zero) == start.
    /// The result is in UTC.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calendar has no working time in the next <see cref="GuardYears"/> years.</exception>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(businessTime, TimeSpan.Zero);

        var at = start.UtcTicks;
        if (businessTime == TimeSpan.Zero)
        {
            return new DateTimeOffset(at, TimeSpan.Zero);
        }

        var firstDay = LocalDayNumber(at) - 1; // a day earlier: its spans may reach past local midnight
        if (!_hasWorkingDay)
        {
            throw NoWorkingTime(firstDay + 1);
        }

        var remaining = businessTime.Ticks;
        var lastWorkingDay = firstDay;
        for (var day = firstDay; ; day++)
        {
            var spans = Spans(day);
            if (spans.Length == 0)
            {
                if (day - lastWorkingDay > GuardDays)
                {
                    throw NoWorkingTime(firstDay + 1);
                }

                continue;
            }

            lastWorkingDay = day;
            for (var i = 0; i < spans.Length; i += 2)
            {
                var end = spans[i + 1];
                if (end <= at)
                {
                    continue;
                }

                var from = Math.Max(spans[i], at);
                var available = end - from;
                if (available >= remaining)
                {
                    return new DateTimeOffset(from + remaining, TimeSpan.Zero);
                }

                remaining -= available;
                at = end;
            }
        }
    }

    /// <summary>Working time within [from, to); <see cref="TimeSpan.Zero"/> when to &lt;= from.</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        var a = from.UtcTicks;
        var b = to.UtcTicks;
        if (b <= a || !_hasWorkingDay)
        {
            return TimeSpan.Zero;
        }

        long total = 0;
        var lastDay = LocalDayNumber(b) + 1;
        for (var day = LocalDayNumber(a) - 1; day <= lastDay; day++)
        {
            var spans = Spans(day);
            for (var i = 0; i < spans.Length; i += 2)
            {
                var s = Math.Max(spans[i], a);
                var e = Math.Min(spans[i + 1], b);
                if (e > s)
                {
                    total += e - s;
                }
            }
        }

        return new TimeSpan(total);
    }

    /// <summary>Whether <paramref name="instant"/> falls in working time (interval starts count, ends do not).</summary>
    public bool IsWorking(DateTimeOffset instant)
    {
        if (!_hasWorkingDay)
        {
            return false;
        }

        var t = instant.UtcTicks;
        var day = LocalDayNumber(t);
        for (var d = day - 1; d <= day + 1; d++)
        {
            var spans = Spans(d);
            for (var i = 0; i < spans.Length; i += 2)
            {
                if (spans[i] <= t && t < spans[i + 1])
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Problems of a calendar definition for a 422, keyed by field name as on the wire, e.g. "hours.monday[1]" → "Overlaps 09:00–12:00.";
    /// "hours" → "No working hours on any day."; "holidays[2]" → "Given twice.". Intervals may be given in any order; touching
    /// intervals (09:00–12:00 and 12:00–18:00) are allowed, overlapping or repeated ones are not. Empty when the calendar is valid.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Check(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<WorkingInterval>> hours, IReadOnlyCollection<DateOnly> holidays)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var given = 0;
        if (hours is not null)
        {
            foreach (var (day, intervals) in hours)
            {
                if ((uint)day > (uint)DayOfWeek.Saturday)
                {
                    problems[string.Create(CultureInfo.InvariantCulture, $"hours.{(int)day}")] = "Not a day of the week.";
                    continue;
                }

                if (intervals is null)
                {
                    continue;
                }

                var name = DayName(day);
                for (var i = 0; i < intervals.Count; i++)
                {
                    given++;
                    var problem = Problem(intervals, i);
                    if (problem is not null)
                    {
                        problems[string.Create(CultureInfo.InvariantCulture, $"hours.{name}[{i}]")] = problem;
                    }
                }
            }
        }

        if (given == 0)
        {
            problems["hours"] = "No working hours on any day.";
        }

        if (holidays is not null)
        {
            var seen = new HashSet<DateOnly>();
            var index = 0;
            foreach (var holiday in holidays)
            {
                if (!seen.Add(holiday))
                {
                    problems[string.Create(CultureInfo.InvariantCulture, $"holidays[{index}]")] = "Given twice.";
                }

                index++;
            }
        }

        return problems;
    }

    /// <summary>The problem of interval <paramref name="index"/> of a day, against itself and the intervals before it; null when fine.</summary>
    private static string? Problem(IReadOnlyList<WorkingInterval> intervals, int index)
    {
        var x = intervals[index];
        if (x is null)
        {
            return "Required.";
        }

        if (!InRange(x))
        {
            return "Minutes must be from 0 (00:00) to 1440 (24:00).";
        }

        if (x.StartMinute >= x.EndMinute)
        {
            return "Start must be before end.";
        }

        for (var j = 0; j < index; j++)
        {
            var y = intervals[j];
            if (y is null || !IsValid(y))
            {
                continue;
            }

            if (y == x)
            {
                return "Given twice.";
            }

            if (x.StartMinute < y.EndMinute && y.StartMinute < x.EndMinute)
            {
                return $"Overlaps {ClockTime(y.StartMinute)}–{ClockTime(y.EndMinute)}.";
            }
        }

        return null;
    }

    private static bool InRange(WorkingInterval x) => x.StartMinute is >= 0 and <= MinutesPerDay && x.EndMinute is >= 0 and <= MinutesPerDay;

    private static bool IsValid(WorkingInterval x) => InRange(x) && x.StartMinute < x.EndMinute;

    private static string ClockTime(int minute) => string.Create(CultureInfo.InvariantCulture, $"{minute / 60:00}:{minute % 60:00}");

    private static string DayName(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "monday",
        DayOfWeek.Tuesday => "tuesday",
        DayOfWeek.Wednesday => "wednesday",
        DayOfWeek.Thursday => "thursday",
        DayOfWeek.Friday => "friday",
        DayOfWeek.Saturday => "saturday",
        _ => "sunday",
    };

    /// <summary>Sorted local minutes of a day with overlapping and touching intervals merged; null if an interval is unreadable.</summary>
    private static int[]? Merge(IReadOnlyList<WorkingInterval>? intervals)
    {
        if (intervals is null || intervals.Count == 0)
        {
            return [];
        }

        var sorted = new WorkingInterval[intervals.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            var x = intervals[i];
            if (x is null || !IsValid(x))
            {
                return null;
            }

            sorted[i] = x;
        }

        Array.Sort(sorted, static (a, b) => a.StartMinute.CompareTo(b.StartMinute));
        var merged = new List<int>(sorted.Length * 2);
        foreach (var x in sorted)
        {
            if (merged.Count > 0 && x.StartMinute <= merged[^1])
            {
                merged[^1] = Math.Max(merged[^1], x.EndMinute);
            }
            else
            {
                merged.Add(x.StartMinute);
                merged.Add(x.EndMinute);
            }
        }

        return [.. merged];
    }

    private InvalidOperationException NoWorkingTime(int fromDay) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"The calendar has no working time in the {GuardYears} years from {DateOnly.FromDayNumber(fromDay):yyyy-MM-dd} ({_zone.Id}): every day is without working hours or a holiday."));

    private int LocalDayNumber(long utcTicks) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(new DateTime(utcTicks, DateTimeKind.Utc), _zone)).DayNumber;

    private long[] Spans(int dayNumber)
    {
        if (_days.TryGetValue(dayNumber, out var spans))
        {
            return spans;
        }

        spans = ComputeSpans(DateOnly.FromDayNumber(dayNumber));
        if (Interlocked.Increment(ref _cachedDays) <= CacheCapacity)
        {
            _days.TryAdd(dayNumber, spans);
        }

        return spans;
    }

    /// <summary>
    /// The working spans of a local date in UTC ticks. They are kept within the date's own span
    /// [start of its midnight, start of the next midnight), so spans of neighbouring dates never overlap,
    /// and overlapping spans of the date (possible only around a fall-back hour) are merged.
    /// </summary>
    private long[] ComputeSpans(DateOnly date)
    {
        var minutes = _week[(int)date.DayOfWeek];
        if (minutes.Length == 0 || _holidays.Contains(date))
        {
            return _noSpans;
        }

        var midnight = date.ToDateTime(TimeOnly.MinValue); // Kind Unspecified: wall-clock time in the zone
        var dayStart = StartInstant(midnight);
        var dayEnd = StartInstant(midnight.AddDays(1));
        var spans = new long[minutes.Length];
        var count = 0;
        for (var i = 0; i < minutes.Length; i += 2)
        {
            var s = Math.Max(StartInstant(midnight.AddMinutes(minutes[i])), dayStart);
            var e = Math.Min(EndInstant(midnight.AddMinutes(minutes[i + 1])), dayEnd);
            if (e <= s)
            {
                continue; // e.g. an interval wholly inside the spring-forward gap
            }

            if (count > 0 && s <= spans[count - 1])
            {
                spans[count - 1] = Math.Max(spans[count - 1], e);
            }
            else
            {
                spans[count++] = s;
                spans[count++] = e;
            }
        }

        return count == spans.Length ? spans : count == 0 ? _noSpans : spans[..count];
    }

    /// <summary>
    /// The UTC instant (ticks) at which a working interval starting at local <paramref name="local"/> starts:
    /// in the spring-forward gap, the end of the gap; in the repeated fall-back hour, the earlier instant.
    /// </summary>
    private long StartInstant(DateTime local)
    {
        if (_zone.IsInvalidTime(local))
        {
            return GapEnd(local);
        }

        if (_zone.IsAmbiguousTime(local))
        {
            var (_, larger) = AmbiguousOffsets(local);
            return local.Ticks - larger.Ticks;
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, _zone).Ticks;
    }

    /// <summary>
    /// The UTC instant (ticks) at which a working interval ending at local <paramref name="local"/> ends:
    /// in the spring-forward gap, the end of the gap; in the repeated fall-back hour, the later instant, except when
    /// the clock falls back exactly to <paramref name="local"/> (e.g. 03:00 when 04:00 becomes 03:00): then the whole
    /// repeated hour reads <paramref name="local"/> or later, and the interval ends at its first pass.
    /// </summary>
    private long EndInstant(DateTime local)
    {
        if (_zone.IsInvalidTime(local))
        {
            return GapEnd(local);
        }

        if (_zone.IsAmbiguousTime(local))
        {
            var (smaller, larger) = AmbiguousOffsets(local);
            var later = local.Ticks - smaller.Ticks;
            var justBefore = _zone.GetUtcOffset(new DateTime(later - 1, DateTimeKind.Utc));
            return justBefore == smaller ? later : local.Ticks - larger.Ticks;
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, _zone).Ticks;
    }

    private (TimeSpan Smaller, TimeSpan Larger) AmbiguousOffsets(DateTime local)
    {
        var offsets = _zone.GetAmbiguousTimeOffsets(local);
        var smaller = offsets[0];
        var larger = offsets[0];
        for (var i = 1; i < offsets.Length; i++)
        {
            smaller = offsets[i] < smaller ? offsets[i] : smaller;
            larger = offsets[i] > larger ? offsets[i] : larger;
        }

        return (smaller, larger);
    }

    /// <summary>
    /// The end of the spring-forward gap that local <paramref name="local"/> falls in, as UTC ticks: the first instant whose
    /// wall-clock time is at or after <paramref name="local"/>. Found by bisection over ±26 hours (no zone has two
    /// transitions that close); runs only when a day's spans are first computed.
    /// </summary>
    private long GapEnd(DateTime local)
    {
        var lo = local.Ticks - (26 * TimeSpan.TicksPerHour);
        var hi = local.Ticks + (26 * TimeSpan.TicksPerHour);
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (mid + _zone.GetUtcOffset(new DateTime(mid, DateTimeKind.Utc)).Ticks >= local.Ticks)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
