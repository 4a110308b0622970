namespace CrmPlatform.ServiceDefaults;

/// <summary>
/// The correlation id of the work in hand: the HTTP request being served or the event being
/// consumed. Events written to the outbox carry it, so one id follows a change across services.
/// </summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<string?> _current = new();

    public static string? Current
    {
        get => _current.Value;
        set => _current.Value = value;
    }
}
