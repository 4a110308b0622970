namespace CrmPlatform.ServiceDesk.Calendars;

/// <summary>Working hours of one weekday, minutes from local midnight: 0 &lt;= StartMinute &lt; EndMinute &lt;= 1440 (1440 = end of day).</summary>
public sealed record WorkingInterval(int StartMinute, int EndMinute);
