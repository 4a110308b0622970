using System.Text.Json.Nodes;
using CrmPlatform.Interactions.Visibility;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.Interactions.InteractionLog;

/// <summary>A logged interaction as the caller sent it, checked field by field; customer and contacts are checked against the directory afterwards.</summary>
public sealed record InteractionInput(
    Guid CustomerId,
    InteractionType Type,
    InteractionDirection? Direction,
    InteractionChannel Channel,
    DateTimeOffset OccurredAt,
    DateTimeOffset? EndedAt,
    string? EmployeeId,
    List<Guid> ContactIds,
    string Subject,
    string? Summary,
    InteractionOutcome? Outcome,
    List<string> Tags,
    Departments VisibleTo)
{
    private static readonly string[] _fields =
        ["customerId", "type", "direction", "channel", "occurredAt", "endedAt", "employeeId", "contactIds", "subject", "summary", "outcome", "tags", "departments"];

    /// <summary>The input, or null with every problem in <paramref name="errors"/>.</summary>
    public static InteractionInput? Read(JsonObject body, DateTimeOffset now, TimeSpan futureTolerance, FieldErrors errors)
    {
        foreach (var (name, _) in body)
        {
            if (!_fields.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(Text.Shorten(name), $"Unknown field: use {string.Join(", ", _fields)}.");
            }
        }

        var customerId = JsonValues.Guid(body["customerId"], "customerId", errors, required: true);
        var type = JsonValues.Enum<InteractionType>(body["type"], "type", errors, required: true);
        var direction = JsonValues.Enum<InteractionDirection>(body["direction"], "direction", errors, required: false);
        var channel = JsonValues.Enum<InteractionChannel>(body["channel"], "channel", errors, required: false);
        var occurredAt = JsonValues.Time(body["occurredAt"], "occurredAt", errors, required: true);
        var endedAt = JsonValues.Time(body["endedAt"], "endedAt", errors, required: false);
        JsonFields.String(body["employeeId"], "employeeId", errors, out var rawEmployee);
        var employeeId = Text.Clean(rawEmployee, "employeeId", InteractionLimits.ShortText, errors);
        var contactIds = JsonValues.Guids(body["contactIds"], "contactIds", InteractionLimits.ContactsPerInteraction, errors);
        JsonFields.String(body["subject"], "subject", errors, out var rawSubject);
        var subject = Text.Clean(rawSubject, "subject", InteractionLimits.Subject, errors);
        if (subject is null && !errors.Has("subject"))
        {
            errors.Add("subject", "Required: say in a line what it was about.");
        }

        JsonFields.String(body["summary"], "summary", errors, out var rawSummary);
        var summary = Text.Clean(rawSummary, "summary", InteractionLimits.Summary, errors, multiline: true);
        var outcome = JsonValues.Enum<InteractionOutcome>(body["outcome"], "outcome", errors, required: false);
        var tags = Labels.Read(body["tags"], "tags", errors);
        var visibleTo = ReadDepartments(body["departments"], errors);

        if (type is { } t)
        {
            channel = CheckChannel(t, channel, errors);
            CheckDirection(t, direction, errors);
        }

        CheckTimes(occurredAt, endedAt, now, futureTolerance, errors);
        return errors.Any
            ? null
            : new InteractionInput(customerId!.Value, type!.Value, direction, channel!.Value, occurredAt!.Value, endedAt, employeeId,
                contactIds, subject!, summary, outcome, tags, visibleTo);
    }

    private static InteractionChannel? CheckChannel(InteractionType type, InteractionChannel? channel, FieldErrors errors)
    {
        if (errors.Has("channel"))
        {
            return null;
        }

        var allowed = InteractionChannels.Allowed(type);
        if (channel is null)
        {
            channel = InteractionChannels.Default(type);
            if (channel is null)
            {
                errors.Add("channel", $"Required for a {type.ToWireName()}: one of {string.Join(", ", allowed.Select(c => c.ToWireName()))}.");
            }

            return channel;
        }

        if (!allowed.Contains(channel.Value))
        {
            errors.Add("channel", $"A {type.ToWireName()} is not by {channel.Value.ToWireName()}: use {string.Join(", ", allowed.Select(c => c.ToWireName()))}.");
            return null;
        }

        return channel;
    }

    private static void CheckDirection(InteractionType type, InteractionDirection? direction, FieldErrors errors)
    {
        if (errors.Has("direction"))
        {
            return;
        }

        if (InteractionChannels.HasDirection(type) && direction is null)
        {
            errors.Add("direction", $"Required for a {type.ToWireName()}: inbound (the customer reached us) or outbound (we reached them).");
        }
        else if (!InteractionChannels.HasDirection(type) && direction is not null)
        {
            errors.Add("direction", "A note has no direction: leave it out.");
        }
    }

    private static void CheckTimes(DateTimeOffset? occurredAt, DateTimeOffset? endedAt, DateTimeOffset now, TimeSpan futureTolerance, FieldErrors errors)
    {
        if (occurredAt is { } start)
        {
            if (start > now + futureTolerance)
            {
                errors.Add("occurredAt", $"Is in the future (more than {futureTolerance.TotalMinutes:0} minutes ahead): log an interaction once it has happened; a promise to call is a commitment.");
            }
            else if (start < InteractionLimits.Earliest)
            {
                errors.Add("occurredAt", $"Is before {InteractionLimits.Earliest:yyyy-MM-dd}: check the year.");
            }
        }

        if (endedAt is { } end && occurredAt is { } begin && !errors.Has("occurredAt"))
        {
            if (end < begin)
            {
                errors.Add("endedAt", "Is before occurredAt: the end must come after the start.");
            }
            else if (end - begin > InteractionLimits.MaxDuration)
            {
                errors.Add("endedAt", $"Makes the interaction last more than {InteractionLimits.MaxDuration.TotalHours:0} hours: check the date.");
            }
            else if (end > now + futureTolerance)
            {
                errors.Add("endedAt", "Is in the future: log the interaction once it has ended, or leave endedAt out.");
            }
        }
    }

    private static Departments ReadDepartments(JsonNode? node, FieldErrors errors)
    {
        if (node is null)
        {
            return Departments.All;
        }

        if (!JsonFields.StringArray(node, "departments", errors, out var names))
        {
            return Departments.None;
        }

        if (names.Count == 0)
        {
            errors.Add("departments", $"Name at least one department ({DepartmentNames.Choices}), or leave it out for all.");
            return Departments.None;
        }

        var visible = Departments.None;
        for (var i = 0; i < names.Count; i++)
        {
            if (DepartmentNames.TryParse(names[i], out var department))
            {
                visible |= department;
            }
            else
            {
                errors.Add($"departments[{i}]", $"'{Text.Shorten(names[i] ?? "null")}' is not one of {DepartmentNames.Choices}.");
            }
        }

        return visible;
    }
}
