namespace CrmPlatform.Hosting;

public sealed class RedisResource(string name) : ServerResource(name)
{
    public override string Kind => "redis";

    internal override int DefaultPort => 56379;

    protected override string BuildLocalConnectionString() => $"127.0.0.1:{Port},password={Password}";
}
