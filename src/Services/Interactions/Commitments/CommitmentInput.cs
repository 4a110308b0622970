using System.Text.Json.Nodes;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.Interactions.Commitments;

/// <summary>A new commitment as the caller sent it, checked field by field; links are checked against the data afterwards.</summary>
public sealed record CommitmentInput(Guid CustomerId, string Description, string? OwnerId, DateTimeOffset DueAt, Guid? InteractionId, Guid? TicketId)
{
    private static readonly string[] _fields = ["customerId", "description", "ownerId", "dueAt", "interactionId", "ticketId"];

    public static CommitmentInput? Read(JsonObject body, DateTimeOffset now, FieldErrors errors)
    {
        UnknownFields(body, _fields, errors);
        var customerId = JsonValues.Guid(body["customerId"], "customerId", errors, required: true);
        var description = ReadDescription(body["description"], errors);
        var ownerId = ReadOwner(body["ownerId"], errors);
        var dueAt = ReadDueAt(body["dueAt"], now, errors);
        var interactionId = JsonValues.Guid(body["interactionId"], "interactionId", errors, required: false);
        var ticketId = JsonValues.Guid(body["ticketId"], "ticketId", errors, required: false);
        return errors.Any ? null : new CommitmentInput(customerId!.Value, description!, ownerId, dueAt!.Value, interactionId, ticketId);
    }

    public static void UnknownFields(JsonObject body, string[] fields, FieldErrors errors)
    {
        foreach (var (name, _) in body)
        {
            if (!fields.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(Text.Shorten(name), $"Unknown field: use {string.Join(", ", fields)}.");
            }
        }
    }

    public static string? ReadDescription(JsonNode? node, FieldErrors errors)
    {
        JsonFields.String(node, "description", errors, out var raw);
        var description = Text.Clean(raw, "description", CommitmentLimits.Description, errors, multiline: true);
        if (description is null && !errors.Has("description"))
        {
            errors.Add("description", "Required: say what was promised.");
        }

        return description;
    }

    public static string? ReadOwner(JsonNode? node, FieldErrors errors)
    {
        JsonFields.String(node, "ownerId", errors, out var raw);
        return Text.Clean(raw, "ownerId", CommitmentLimits.ShortText, errors);
    }

    /// <summary>A due time a minute ago is a typing slip; a promise due in the past is not a promise.</summary>
    public static DateTimeOffset? ReadDueAt(JsonNode? node, DateTimeOffset now, FieldErrors errors)
    {
        var dueAt = JsonValues.Time(node, "dueAt", errors, required: true);
        if (dueAt is { } due && due < now)
        {
            errors.Add("dueAt", "Is in the past: a commitment is due in the future.");
            return null;
        }

        if (dueAt is { } far && far > now.AddYears(5))
        {
            errors.Add("dueAt", "Is more than five years ahead: check the year.");
            return null;
        }

        return dueAt;
    }
}
