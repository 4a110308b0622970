using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CrmPlatform.ServiceDefaults;

namespace CrmPlatform.IntegrationTests.Infrastructure;

/// <summary>Counts, from the messaging meter, the redeliveries each consumer recognised while this lives.</summary>
public sealed class InboxDuplicateCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _byConsumer = new();

    public InboxDuplicateCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TelemetrySources.Messaging && instrument.Name == "crm.inbox.duplicates")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "consumer", Value: string consumer })
                {
                    _byConsumer.AddOrUpdate(consumer, (int)value, (_, n) => n + (int)value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Duplicates seen by consumers whose name contains <paramref name="consumerPart"/>.</summary>
    public int For(string consumerPart) => _byConsumer.Where(c => c.Key.Contains(consumerPart, StringComparison.Ordinal)).Sum(c => c.Value);

    public void Dispose() => _listener.Dispose();
}
