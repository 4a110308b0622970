using System.Text.Json.Nodes;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDesk.Tickets;

namespace CrmPlatform.ServiceDesk.Policies;

/// <summary>An SLA policy as the caller sent it, checked field by field.</summary>
public sealed record PolicyInput(
    string Name, Guid CalendarId, bool ForStrategic, string? ForSegment, Dictionary<TicketPriority, SlaTarget> Targets,
    int WarningPercent, bool EscalateRaisesPriority, string? EscalateToQueue)
{
    /// <summary>A year of business minutes: anything longer is a typing error.</summary>
    public const int MaxMinutes = 525_600;

    private static readonly string[] _fields = ["name", "calendarId", "appliesTo", "targets", "warningPercent", "escalation"];

    public static PolicyInput? Read(JsonObject body, FieldErrors errors)
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

        var calendarId = JsonValues.Guid(body["calendarId"], "calendarId", errors, required: true);
        var (strategic, segment) = AppliesTo(body["appliesTo"], errors);
        var targets = ReadTargets(body["targets"], errors);
        JsonFields.Integer(body["warningPercent"], "warningPercent", errors, out var warning);
        if (warning is not null and not (>= 50 and <= 99))
        {
            errors.Add("warningPercent", "Must be from 50 to 99: the share of a target after which a warning is sent.");
        }

        var (raise, queue) = Escalation(body["escalation"], errors);
        return errors.Any ? null : new PolicyInput(name!, calendarId!.Value, strategic, segment, targets, warning ?? 80, raise, queue);
    }

    private static (bool Strategic, string? Segment) AppliesTo(JsonNode? node, FieldErrors errors)
    {
        if (!JsonFields.Object(node, "appliesTo", errors, out var scope) || scope is null)
        {
            return (false, null);
        }

        foreach (var (name, _) in scope)
        {
            if (name is not ("strategic" or "segment"))
            {
                errors.Add($"appliesTo.{Text.Shorten(name)}", "Unknown field: use strategic or segment.");
            }
        }

        var strategic = false;
        if (scope["strategic"] is not null)
        {
            JsonFields.Boolean(scope["strategic"], "appliesTo.strategic", errors, out strategic);
        }

        JsonFields.String(scope["segment"], "appliesTo.segment", errors, out var rawSegment);
        var segment = rawSegment is null ? null : Labels.Normalize(rawSegment, "appliesTo.segment", errors);
        if (strategic && segment is not null)
        {
            errors.Add("appliesTo", "A policy is for strategic accounts or for a segment, not both.");
        }

        return (strategic, segment);
    }

    private static Dictionary<TicketPriority, SlaTarget> ReadTargets(JsonNode? node, FieldErrors errors)
    {
        var targets = new Dictionary<TicketPriority, SlaTarget>();
        if (node is not JsonObject byPriority)
        {
            errors.Add("targets", $"Required: for each priority ({WireNames.Choices<TicketPriority>()}) {{ firstResponseMinutes, resolutionMinutes }}.");
            return targets;
        }

        foreach (var (name, _) in byPriority)
        {
            if (!WireNames.TryParse<TicketPriority>(name, out _))
            {
                errors.Add($"targets.{Text.Shorten(name)}", $"Not a priority: use {WireNames.Choices<TicketPriority>()}.");
            }
        }

        foreach (var priority in Enum.GetValues<TicketPriority>())
        {
            var field = $"targets.{priority.ToWireName()}";
            if (byPriority[priority.ToWireName()] is not JsonObject target)
            {
                errors.Add(field, "Required: { firstResponseMinutes, resolutionMinutes }.");
                continue;
            }

            JsonFields.Integer(target["firstResponseMinutes"], $"{field}.firstResponseMinutes", errors, out var firstResponse);
            JsonFields.Integer(target["resolutionMinutes"], $"{field}.resolutionMinutes", errors, out var resolution);
            if (firstResponse is not (>= 1 and <= MaxMinutes))
            {
                errors.Add($"{field}.firstResponseMinutes", $"Required: 1 to {MaxMinutes} business minutes.");
            }
            else if (resolution is not (>= 1 and <= MaxMinutes) || resolution < firstResponse)
            {
                errors.Add($"{field}.resolutionMinutes", $"Required: at least firstResponseMinutes and at most {MaxMinutes}.");
            }
            else
            {
                targets[priority] = new SlaTarget(firstResponse.Value, resolution!.Value);
            }
        }

        return targets;
    }

    private static (bool Raise, string? Queue) Escalation(JsonNode? node, FieldErrors errors)
    {
        if (!JsonFields.Object(node, "escalation", errors, out var escalation) || escalation is null)
        {
            return (false, null);
        }

        foreach (var (name, _) in escalation)
        {
            if (name is not ("raisePriority" or "moveToQueue"))
            {
                errors.Add($"escalation.{Text.Shorten(name)}", "Unknown field: use raisePriority or moveToQueue.");
            }
        }

        var raise = false;
        if (escalation["raisePriority"] is not null)
        {
            JsonFields.Boolean(escalation["raisePriority"], "escalation.raisePriority", errors, out raise);
        }

        JsonFields.String(escalation["moveToQueue"], "escalation.moveToQueue", errors, out var rawQueue);
        var queue = rawQueue is null ? null : Labels.Normalize(rawQueue, "escalation.moveToQueue", errors);
        return (raise, queue);
    }
}
