using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace CrmPlatform.IntegrationTests.Infrastructure;

/// <summary>Raw AMQP access to the suite's RabbitMQ, for what a .NET consumer would never send or see.</summary>
public sealed class Broker(string connectionString) : IAsyncDisposable
{
    private IConnection? _connection;

    /// <summary>Publishes raw bytes straight to a queue, as a buggy or foreign publisher might.</summary>
    public async Task SendRawAsync(string queue, string body, string contentType, string messageId)
    {
        await using var channel = await (await ConnectAsync()).CreateChannelAsync();
        var properties = new BasicProperties { ContentType = contentType, MessageId = messageId, Persistent = true };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>
    /// Takes the messages waiting in <paramref name="queue"/> (acknowledging them); an absent queue is
    /// empty. A consumer, not basic.get: our queues are quorum queues with a single active consumer.
    /// </summary>
    public async Task<List<BrokerMessage>> DrainAsync(string queue)
    {
        var messages = new List<BrokerMessage>();
        await using var channel = await (await ConnectAsync()).CreateChannelAsync();
        try
        {
            await channel.QueueDeclarePassiveAsync(queue);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return messages; // never declared: nothing was ever moved there
        }

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var headers = (delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value?.ToString());
            lock (messages)
            {
                messages.Add(new BrokerMessage(delivery.BasicProperties.MessageId, Encoding.UTF8.GetString(delivery.Body.Span), headers));
            }

            return Task.CompletedTask;
        };
        var tag = await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await channel.BasicCancelAsync(tag);
        lock (messages)
        {
            return [.. messages];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task<IConnection> ConnectAsync() =>
        _connection ??= await new ConnectionFactory { Uri = new Uri(connectionString) }.CreateConnectionAsync();
}

public sealed record BrokerMessage(string? MessageId, string Body, IReadOnlyDictionary<string, string?> Headers);
