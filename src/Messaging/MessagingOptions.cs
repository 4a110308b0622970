namespace CrmPlatform.Messaging;

/// <summary>Tuning of the outbox and inbox (configuration section <c>Messaging</c>); the defaults suit production.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Customers whose streams are claimed per dispatch round (published concurrently with each other).</summary>
    public int DispatchBatchSize { get; set; } = 256;

    /// <summary>
    /// Events of one customer claimed per round, published one after another: a burst for one customer
    /// (an import, a bulk log) drains this many per round instead of one.
    /// </summary>
    public int DispatchPerCustomer { get; set; } = 64;

    /// <summary>The fallback poll; dispatch normally starts at once, signalled by the commit.</summary>
    public TimeSpan DispatchPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one round waits for the broker's confirms before it gives up and backs off.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between dispatch attempts while the broker is unreachable.</summary>
    public TimeSpan MaxDispatchBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Ops switch: leaves committed events in the outbox unsent (they go out when it is cleared).</summary>
    public bool DispatchPaused { get; set; }

    /// <summary>Sent outbox rows and inbox records are kept this long (replay, audit, duplicate detection).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Waits before the immediate retries of a failed handler, in place (the customer's later events
    /// wait behind it). Unset: 50 ms, 250 ms, 1 s. (Defaults are filled in after binding because the
    /// configuration binder appends to an array rather than replacing it.)
    /// </summary>
    public TimeSpan[] ImmediateRetryIntervals { get; set; } = [];

    /// <summary>
    /// Then delayed redeliveries from the inbox's deferred table; when these are spent the event goes
    /// to the error queue. Unset: 10 s, 1 min, 5 min, 15 min, 1 h.
    /// </summary>
    public TimeSpan[] RedeliveryIntervals { get; set; } = [];

    public TimeSpan DeferredPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an event that arrived ahead of an earlier one of its customer waits for it. Past this
    /// the gap is logged as an error and skipped, so a customer is never blocked for good.
    /// </summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages the broker hands one consumer instance ahead of acknowledgement.</summary>
    public int PrefetchCount { get; set; } = 128;

    /// <summary>Events applied at once per queue; one customer's events are always applied one at a time.</summary>
    public int ConcurrentMessageLimit { get; set; } = 32;

    internal void ApplyDefaults()
    {
        if (ImmediateRetryIntervals.Length == 0)
        {
            ImmediateRetryIntervals = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];
        }

        if (RedeliveryIntervals.Length == 0)
        {
            RedeliveryIntervals = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];
        }
    }
}
