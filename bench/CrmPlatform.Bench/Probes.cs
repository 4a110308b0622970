using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CrmPlatform.Bench;

/// <summary>
/// Listens to the outbox's meter (src/Messaging/MessagingMetrics.cs): <c>crm.outbox.published</c> is
/// added once per dispatch round with the number of events the broker confirmed, so it gives the
/// rounds and their sizes without touching the dispatcher.
/// </summary>
public sealed class MessagingMeters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(long At, long Count)> _rounds = new();
    private long _published;
    private long _publishFailures;

    public MessagingMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "CrmPlatform.Messaging"
                && instrument.Name is "crm.outbox.published" or "crm.outbox.publish_failures")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "crm.outbox.published")
            {
                Interlocked.Add(ref _published, value);
                _rounds.Enqueue((Stopwatch.GetTimestamp(), value));
            }
            else
            {
                Interlocked.Add(ref _publishFailures, value);
            }
        });
        _listener.Start();
    }

    public long Published => Volatile.Read(ref _published);
    public long PublishFailures => Volatile.Read(ref _publishFailures);

    /// <summary>Dispatch rounds that published at least one event, in [from, to): count and mean size.</summary>
    public (int Rounds, double MeanSize, double MaxSize) Rounds(long from, long to)
    {
        var inWindow = _rounds.Where(r => r.At >= from && r.At < to && r.Count > 0).Select(r => (double)r.Count).ToArray();
        return inWindow.Length == 0 ? (0, 0, 0) : (inWindow.Length, inWindow.Average(), inWindow.Max());
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>
/// Where an event's time goes, from the activities the stack already emits: the outbox's
/// "outbox publish" span (publish until the broker's confirm), MassTransit's consume span, and
/// Npgsql's command spans (the dispatcher's claim and mark, the inbox's statements).
/// </summary>
public sealed class StageProbe : IDisposable
{
    private const string StartKey = "bench.start";
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<Guid, (long Start, long End)> _publishes = new();
    private readonly ConcurrentDictionary<Guid, (long Start, long End)> _consumes = new();
    private readonly ConcurrentQueue<(string Kind, long Start, long End)> _commands = new();
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);
    private readonly bool _dump;

    public StageProbe(bool dump)
    {
        _dump = dump;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "CrmPlatform.Messaging" or "MassTransit" or "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity => activity.SetCustomProperty(StartKey, Stopwatch.GetTimestamp()),
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyDictionary<Guid, (long Start, long End)> Publishes => _publishes;
    public IReadOnlyDictionary<Guid, (long Start, long End)> Consumes => _consumes;
    public IEnumerable<(string Kind, long Start, long End)> Commands => _commands;

    private void OnStopped(Activity activity)
    {
        var end = Stopwatch.GetTimestamp();
        var start = activity.GetCustomProperty(StartKey) is long s ? s : end;
        var source = activity.Source.Name;
        if (_dump && _seen.AddOrUpdate($"{source}|{activity.OperationName}|{activity.Kind}", 1, (_, n) => n + 1) == 1)
        {
            var tags = string.Join(", ", activity.TagObjects.Select(t => $"{t.Key}={Shorten(t.Value)}"));
            Console.Error.WriteLine($"[activity] {source} op='{activity.OperationName}' display='{activity.DisplayName}' kind={activity.Kind} tags: {tags}");
        }

        switch (source)
        {
            case "CrmPlatform.Messaging" when activity.OperationName == "outbox publish":
                if (MessageId(activity) is { } published)
                {
                    _publishes[published] = (start, end);
                }

                break;
            case "MassTransit" when activity.Kind == ActivityKind.Consumer:
                if (MessageId(activity) is { } consumed)
                {
                    // The outermost consumer span (receive) stops last; keep the earliest start seen.
                    _consumes.AddOrUpdate(consumed, (start, end), (_, old) => (Math.Min(old.Start, start), Math.Max(old.End, end)));
                }

                break;
            case "Npgsql":
                _commands.Enqueue((Classify(activity), start, end));
                break;
            default:
                break;
        }
    }

    private static Guid? MessageId(Activity activity)
    {
        foreach (var key in new[] { "messaging.message.id", "messaging.message_id", "messaging.masstransit.message_id" })
        {
            if (activity.GetTagItem(key) is { } value && Guid.TryParse(value.ToString(), out var id))
            {
                return id;
            }
        }

        return null;
    }

    private static string Classify(Activity activity)
    {
        var text = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement"))?.ToString() ?? activity.DisplayName;
        return text switch
        {
            _ when text.Contains("\"bench_producer\".outbox_messages o", StringComparison.Ordinal) => "dispatcher claim",
            _ when text.Contains("\"bench_consumer\".outbox_messages o", StringComparison.Ordinal) => "consumer service's (empty) outbox poll",
            _ when text.Contains("attempts = attempts + 1", StringComparison.Ordinal) => "dispatcher mark",
            _ when text.Contains("customer_activities", StringComparison.Ordinal) => "producer insert (state + outbox)",
            _ when text.Contains("pg_advisory_xact_lock", StringComparison.Ordinal) => "inbox lock",
            _ when text.Contains("FROM \"bench_consumer\".inbox_messages", StringComparison.Ordinal) => "inbox duplicate check",
            _ when text.Contains("deferred_messages WHERE consumer", StringComparison.Ordinal) => "inbox held check",
            _ when text.Contains("applied_activities", StringComparison.Ordinal) => "consumer SaveChanges (effect)",
            _ when text.Contains("INSERT INTO \"bench_consumer\".inbox_messages", StringComparison.Ordinal) => "inbox insert",
            _ when text.Contains("deferred_messages d", StringComparison.Ordinal) => "deferred poll",
            _ when text.Contains("sent_at IS NULL", StringComparison.Ordinal) => "bench sampler",
            _ => "other: " + (text.Length > 60 ? text[..60] : text),
        };
    }

    private static string Shorten(object? value)
    {
        var text = value?.ToString() ?? "null";
        text = text.ReplaceLineEndings(" ");
        return text.Length > 80 ? text[..80] + "…" : text;
    }

    public void Dispose() => _listener.Dispose();
}
