namespace CrmPlatform.Hosting;

public sealed class RabbitMQServerResource(string name) : ServerResource(name)
{
    public const string UserName = "crm";

    public override string Kind => "rabbitmq";

    internal override int DefaultPort => 55672;

    /// <summary>Erlang distribution port; must differ per node so several nodes can run side by side.</summary>
    public int DistributionPort { get; internal set; }

    protected override string BuildLocalConnectionString() => $"amqp://{UserName}:{Password}@127.0.0.1:{Port}/";
}
