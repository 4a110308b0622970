using System.Text.Json;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.Visibility;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.Timeline;

public static class TimelineWriter
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Adds a line to a customer's timeline, written with the unit of work that learned the fact.</summary>
    public static TimelineEntry AddToTimeline(
        this InteractionsDbContext db, Guid customerId, DateTimeOffset occurredAt, TimelineKind kind, string sourceId,
        string title, string? detail, object data, Departments visibleTo = Departments.All)
    {
        var entry = new TimelineEntry
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customerId,
            OccurredAt = occurredAt,
            Kind = kind,
            SourceId = sourceId,
            Title = title.Length <= 300 ? title : title[..299] + "…",
            Detail = detail,
            Data = JsonSerializer.Serialize(data, _json),
            VisibleTo = visibleTo,
        };
        db.Timeline.Add(entry);
        return entry;
    }

    /// <summary>
    /// For facts that other systems report and may report again under a new message id (an ERP
    /// republishing a purchase): the inbox cannot see those as repeats, the (kind, source) key can.
    /// </summary>
    public static async Task AddToTimelineOnceAsync(
        this InteractionsDbContext db, Guid customerId, DateTimeOffset occurredAt, TimelineKind kind, string sourceId,
        string title, string? detail, object data, CancellationToken cancellationToken)
    {
        if (!await db.Timeline.AnyAsync(e => e.Kind == kind && e.SourceId == sourceId, cancellationToken))
        {
            db.AddToTimeline(customerId, occurredAt, kind, sourceId, title, detail, data);
        }
    }
}
