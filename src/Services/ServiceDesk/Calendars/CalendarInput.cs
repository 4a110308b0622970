using System.Globalization;
using System.Text.Json.Nodes;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.ServiceDesk.Calendars;

/// <summary>A business calendar as the caller sent it: <c>{ name, timeZone, hours: { monday: [{ start, end }] }, holidays: [dates] }</c>.</summary>
public sealed record CalendarInput(string Name, string TimeZone, Dictionary<DayOfWeek, List<WorkingInterval>> Hours, List<DateOnly> Holidays)
{
    /// <summary>About a year and a half of days: enough for decades of public holidays, too few to leave no working day for years (the clock would find no time to count).</summary>
    public const int MaxHolidays = 400;
    private static readonly string[] _fields = ["name", "timeZone", "hours", "holidays"];

    public static CalendarInput? Read(JsonObject body, FieldErrors errors)
    {
        foreach (var (field, _) in body)
        {
            if (!_fields.Contains(field, StringComparer.Ordinal))
            {
                errors.Add(Text.Shorten(field), $"Unknown field: use {string.Join(", ", _fields)}.");
            }
        }

        JsonFields.String(body["name"], "name", errors, out var rawName);
        var name = Text.Clean(rawName, "name", 100, errors);
        if (name is null && !errors.Has("name"))
        {
            errors.Add("name", "Required.");
        }

        var timeZone = Zone(body["timeZone"], errors);
        var hours = ReadHours(body["hours"], errors);
        var holidays = ReadHolidays(body["holidays"], errors);
        if (!errors.Any)
        {
            foreach (var (field, message) in BusinessClock.Check(hours.ToDictionary(h => h.Key, h => (IReadOnlyList<WorkingInterval>)h.Value), holidays))
            {
                errors.Add(field, message);
            }
        }

        return errors.Any ? null : new CalendarInput(name!, timeZone!, hours, holidays);
    }

    public static string WeekdayName(DayOfWeek day) => day.ToString().ToLowerInvariant();

    public static string Clock(int minute) => minute == 1440 ? "24:00" : $"{minute / 60:00}:{minute % 60:00}";

    private static string? Zone(JsonNode? node, FieldErrors errors)
    {
        JsonFields.String(node, "timeZone", errors, out var raw);
        if (raw is null)
        {
            if (!errors.Has("timeZone"))
            {
                errors.Add("timeZone", "Required: an IANA time zone such as America/Sao_Paulo or Europe/Bucharest.");
            }

            return null;
        }

        if (raw.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(raw, out var zone) || !zone.HasIanaId)
        {
            errors.Add("timeZone", $"'{Text.Shorten(raw)}' is not an IANA time zone such as America/Sao_Paulo or Europe/Bucharest.");
            return null;
        }

        return zone.Id;
    }

    private static Dictionary<DayOfWeek, List<WorkingInterval>> ReadHours(JsonNode? node, FieldErrors errors)
    {
        var hours = new Dictionary<DayOfWeek, List<WorkingInterval>>();
        if (node is not JsonObject days)
        {
            errors.Add("hours", "Required: an object with the working hours of each weekday, e.g. { \"monday\": [{ \"start\": \"09:00\", \"end\": \"18:00\" }] }.");
            return hours;
        }

        foreach (var (key, value) in days)
        {
            var field = $"hours.{Text.Shorten(key)}";
            var day = Enum.GetValues<DayOfWeek>().Cast<DayOfWeek?>().FirstOrDefault(d => WeekdayName(d!.Value) == key);
            if (day is null)
            {
                errors.Add(field, "Not a weekday: use monday … sunday.");
                continue;
            }

            if (value is not JsonArray intervals)
            {
                errors.Add(field, "Must be an array of { start, end }.");
                continue;
            }

            var list = new List<WorkingInterval>();
            for (var i = 0; i < intervals.Count; i++)
            {
                if (intervals[i] is not JsonObject interval || interval.Count != 2
                    || !TryMinute(interval["start"], out var start) || !TryMinute(interval["end"], out var end))
                {
                    errors.Add($"{field}[{i}]", "Must be { \"start\": \"HH:mm\", \"end\": \"HH:mm\" } (end may be 24:00).");
                    continue;
                }

                list.Add(new WorkingInterval(start, end));
            }

            hours[day.Value] = list;
        }

        return hours;
    }

    private static bool TryMinute(JsonNode? node, out int minute)
    {
        minute = 0;
        if (node is not JsonValue value || !value.TryGetValue(out string? text) || text is null)
        {
            return false;
        }

        if (text == "24:00")
        {
            minute = 1440;
            return true;
        }

        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            minute = (time.Hour * 60) + time.Minute;
            return true;
        }

        return false;
    }

    private static List<DateOnly> ReadHolidays(JsonNode? node, FieldErrors errors)
    {
        var holidays = new List<DateOnly>();
        if (!JsonFields.StringArray(node, "holidays", errors, out var values))
        {
            return holidays;
        }

        if (values.Count > MaxHolidays)
        {
            errors.Add("holidays", $"At most {MaxHolidays} dates.");
            return holidays;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (DateOnly.TryParseExact(values[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                holidays.Add(date);
            }
            else
            {
                errors.Add($"holidays[{i}]", "Must be a date, yyyy-MM-dd.");
            }
        }

        return holidays;
    }
}
