using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.ServiceDesk.Calendars;

/// <summary>
/// When the desk works: hours per weekday in a time zone, and holidays. SLA clocks run only in this
/// time. Hours are stored as JSON (weekday → intervals) since they are always read whole.
/// </summary>
public sealed class BusinessCalendar
{
    public Guid Id { get; init; }
    public required string Name { get; set; }

    /// <summary>An IANA time zone id, e.g. <c>America/Sao_Paulo</c>, <c>Europe/Bucharest</c>.</summary>
    public required string TimeZone { get; set; }

    public Dictionary<DayOfWeek, List<WorkingInterval>> Hours { get; set; } = [];
    public List<DateOnly> Holidays { get; set; } = [];
    public long Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; init; }

    public BusinessClock Clock() => new(
        TimeZoneInfo.FindSystemTimeZoneById(TimeZone),
        Hours.ToDictionary(h => h.Key, h => (IReadOnlyList<WorkingInterval>)h.Value),
        Holidays);
}

internal sealed class BusinessCalendarConfiguration : IEntityTypeConfiguration<BusinessCalendar>
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<BusinessCalendar> calendar)
    {
        calendar.ToTable("business_calendars");
        calendar.Property(c => c.Id).ValueGeneratedNever();
        calendar.Property(c => c.Name).HasMaxLength(100);
        calendar.Property(c => c.TimeZone).HasMaxLength(64);
        calendar.Property(c => c.Version).IsConcurrencyToken();
        calendar.Property(c => c.Hours).HasColumnType("jsonb").HasConversion(
            hours => JsonSerializer.Serialize(hours, _json),
            json => JsonSerializer.Deserialize<Dictionary<DayOfWeek, List<WorkingInterval>>>(json, _json) ?? new(),
            new ValueComparer<Dictionary<DayOfWeek, List<WorkingInterval>>>(
                (a, b) => JsonSerializer.Serialize(a, _json) == JsonSerializer.Serialize(b, _json),
                h => JsonSerializer.Serialize(h, _json).GetHashCode(StringComparison.Ordinal),
                h => JsonSerializer.Deserialize<Dictionary<DayOfWeek, List<WorkingInterval>>>(JsonSerializer.Serialize(h, _json), _json)!));
        calendar.HasIndex(c => c.Name).IsUnique();
    }
}
