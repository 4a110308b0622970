namespace CrmPlatform.Hosting;

/// <summary>A start-up or orchestration failure whose message is meant for the person at the console.</summary>
public sealed class DistributedApplicationException : Exception
{
    public DistributedApplicationException()
    {
    }

    public DistributedApplicationException(string message)
        : base(message)
    {
    }

    public DistributedApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
