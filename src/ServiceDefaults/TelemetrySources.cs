namespace CrmPlatform.ServiceDefaults;

/// <summary>Activity source and meter names of the libraries we instrument.</summary>
public static class TelemetrySources
{
    public const string MassTransit = "MassTransit";
    public const string Npgsql = "Npgsql";

    /// <summary>Our outbox and inbox: traces of dispatch and apply, and their meters.</summary>
    public const string Messaging = "CrmPlatform.Messaging";
}
