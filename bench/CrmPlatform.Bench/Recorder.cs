using System.Collections.Concurrent;
using System.Diagnostics;

namespace CrmPlatform.Bench;

/// <summary>
/// What one run saw: commit and apply counts inside the measurement window and, when
/// <see cref="TrackMessages"/> is on, the Stopwatch time of each event's producer commit and consumer commit.
/// </summary>
public sealed class Recorder(bool trackMessages, bool trackStages)
{
    private readonly ConcurrentDictionary<Guid, long> _commits = new();
    private readonly ConcurrentDictionary<Guid, long> _handlerStarts = new();
    private readonly ConcurrentDictionary<Guid, long> _applies = new();
    private long _committed;
    private long _applied;
    private long _windowCommitted;
    private long _windowApplied;
    private long _writeErrors;

    public bool TrackMessages { get; } = trackMessages;
    public bool TrackStages { get; } = trackStages;

    /// <summary>Stopwatch ticks; commits and applies in [start, end) are counted as the window's.</summary>
    public long WindowStart { get; set; } = long.MaxValue;
    public long WindowEnd { get; set; } = long.MaxValue;

    public long Committed => Volatile.Read(ref _committed);
    public long Applied => Volatile.Read(ref _applied);
    public long WindowCommitted => Volatile.Read(ref _windowCommitted);
    public long WindowApplied => Volatile.Read(ref _windowApplied);
    public long WriteErrors => Volatile.Read(ref _writeErrors);

    public IReadOnlyDictionary<Guid, long> Commits => _commits;
    public IReadOnlyDictionary<Guid, long> HandlerStarts => _handlerStarts;
    public IReadOnlyDictionary<Guid, long> Applies => _applies;

    public void OnCommitted(Guid[] messageIds, long timestamp)
    {
        Interlocked.Add(ref _committed, messageIds.Length);
        if (timestamp >= WindowStart && timestamp < WindowEnd)
        {
            Interlocked.Add(ref _windowCommitted, messageIds.Length);
        }

        if (TrackMessages)
        {
            foreach (var id in messageIds)
            {
                _commits[id] = timestamp;
            }
        }
    }

    public void OnWriteFailed() => Interlocked.Increment(ref _writeErrors);

    public void HandlerStarted(Guid messageId)
    {
        if (TrackStages)
        {
            _handlerStarts[messageId] = Stopwatch.GetTimestamp();
        }
    }

    public void OnApplied(Guid messageId)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _applied);
        if (now >= WindowStart && now < WindowEnd)
        {
            Interlocked.Increment(ref _windowApplied);
        }

        if (TrackMessages)
        {
            _applies[messageId] = now;
        }
    }
}
