namespace CrmPlatform.ServiceDefaults.Idempotency;

/// <summary>The <c>Idempotency</c> configuration section.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a finished answer is replayed: the gateway contract promises 24 h.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a claim holds while its request runs. Short, so a process that died mid-request does
    /// not block the key for a day; a request running longer than this can be executed twice.
    /// </summary>
    public TimeSpan InProgressTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Larger answers are not kept (the key is released): Redis holds replays, not downloads.</summary>
    public int MaxStoredResponseBytes { get; set; } = 1024 * 1024;
}
