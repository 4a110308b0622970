using System.Text.Json.Nodes;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.ServiceDesk.Tickets;

/// <summary>A new ticket as the caller sent it, checked field by field; customer and contact are checked against the directory afterwards.</summary>
public sealed record TicketInput(
    Guid CustomerId, Guid? ContactId, TicketType Type, TicketChannel Channel, TicketPriority Priority,
    string Subject, string Description, string? Queue, string? AssigneeId, List<string> Tags)
{
    private static readonly string[] _fields = ["customerId", "contactId", "type", "channel", "priority", "subject", "description", "queue", "assigneeId", "tags"];

    public static TicketInput? Read(JsonObject body, FieldErrors errors)
    {
        UnknownFields(body, _fields, errors);
        var customerId = JsonValues.Guid(body["customerId"], "customerId", errors, required: true);
        var contactId = JsonValues.Guid(body["contactId"], "contactId", errors, required: false);
        var type = JsonValues.Enum<TicketType>(body["type"], "type", errors, required: true);
        var channel = JsonValues.Enum<TicketChannel>(body["channel"], "channel", errors, required: true);
        var priority = JsonValues.Enum<TicketPriority>(body["priority"], "priority", errors, required: false) ?? TicketPriority.Normal;
        var subject = ReadRequired(body["subject"], "subject", TicketLimits.Subject, multiline: false, errors);
        var description = ReadRequired(body["description"], "description", TicketLimits.Description, multiline: true, errors);
        var queue = ReadQueue(body["queue"], errors);
        var assignee = ReadAssignee(body["assigneeId"], errors);
        var tags = Labels.Read(body["tags"], "tags", errors);
        return errors.Any
            ? null
            : new TicketInput(customerId!.Value, contactId, type!.Value, channel!.Value, priority, subject!, description!, queue, assignee, tags);
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

    public static string? ReadRequired(JsonNode? node, string field, int maxLength, bool multiline, FieldErrors errors)
    {
        JsonFields.String(node, field, errors, out var raw);
        var value = Text.Clean(raw, field, maxLength, errors, multiline);
        if (value is null && !errors.Has(field))
        {
            errors.Add(field, "Required.");
        }

        return value;
    }

    public static string? ReadQueue(JsonNode? node, FieldErrors errors)
    {
        JsonFields.String(node, "queue", errors, out var raw);
        return raw is null ? null : Labels.Normalize(raw, "queue", errors);
    }

    public static string? ReadAssignee(JsonNode? node, FieldErrors errors)
    {
        JsonFields.String(node, "assigneeId", errors, out var raw);
        return Text.Clean(raw, "assigneeId", TicketLimits.ShortText, errors);
    }
}
