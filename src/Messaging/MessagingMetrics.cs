using System.Diagnostics;
using System.Diagnostics.Metrics;
using CrmPlatform.ServiceDefaults;

namespace CrmPlatform.Messaging;

/// <summary>What ops watch: events published, applied, held back, redelivered, dead-lettered, and how late.</summary>
internal static class MessagingMetrics
{
    public static readonly ActivitySource Activities = new(TelemetrySources.Messaging);

    private static readonly Meter _meter = new(TelemetrySources.Messaging);

    public static readonly Counter<long> Published = _meter.CreateCounter<long>("crm.outbox.published", "{event}", "Events the broker confirmed.");
    public static readonly Counter<long> PublishFailures = _meter.CreateCounter<long>("crm.outbox.publish_failures", "{event}", "Publish attempts that failed (retried).");
    public static readonly Counter<long> Applied = _meter.CreateCounter<long>("crm.inbox.applied", "{event}", "Events applied by a consumer.");
    public static readonly Counter<long> Duplicates = _meter.CreateCounter<long>("crm.inbox.duplicates", "{event}", "Redelivered events skipped by the inbox.");
    public static readonly Counter<long> Deferred = _meter.CreateCounter<long>("crm.inbox.deferred", "{event}", "Events set aside for delayed redelivery.");
    public static readonly Counter<long> DeadLettered = _meter.CreateCounter<long>("crm.inbox.dead_lettered", "{event}", "Events moved to the error queue.");

    public static readonly Histogram<double> CommitToApply = _meter.CreateHistogram<double>(
        "crm.messaging.commit_to_apply", "ms", "From the publisher's commit to the consumer's commit.");
}
