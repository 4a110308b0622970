using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.Timeline;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.Interactions.InteractionLog;

public static class InteractionTimeline
{
    /// <summary>The interaction's line on the customer's timeline, visible to the same departments.</summary>
    public static void AddToTimeline(this InteractionsDbContext db, Interaction i) =>
        db.AddToTimeline(i.CustomerId, i.OccurredAt, TimelineKind.Interaction, i.Id.ToString(), $"{Headline(i)}: {i.Subject}", i.Summary,
            new
            {
                interactionId = i.Id,
                type = i.Type.ToWireName(),
                direction = i.Direction?.ToWireName(),
                channel = i.Channel.ToWireName(),
                outcome = i.Outcome?.ToWireName(),
                employeeId = i.EmployeeId,
                contactIds = i.ContactIds,
                durationSeconds = i.DurationSeconds,
            },
            i.VisibleTo);

    /// <summary>"Outbound call (phone)", "Note".</summary>
    private static string Headline(Interaction i)
    {
        var type = i.Type.ToWireName();
        var text = i.Direction is { } direction ? $"{Capitalized(direction.ToWireName())} {type}" : Capitalized(type);
        return i.Channel == InteractionChannel.Internal ? text : $"{text} ({i.Channel.ToWireName().Replace('_', ' ')})";
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
