namespace CrmPlatform.Hosting;

/// <summary>
/// Delay before restarting a crashed process: 1, 2, 4 … s capped at 30 s, so a crash loop does not
/// burn the CPU, and a process that stayed healthy for a minute starts again from 1 s.
/// </summary>
public sealed class RestartBackoff
{
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan ResetAfterHealthy = TimeSpan.FromSeconds(60);

    private int _attempt;

    public static TimeSpan DelayFor(int attempt) =>
        attempt >= 5 ? Cap : TimeSpan.FromSeconds(Math.Min(Cap.TotalSeconds, 1 << attempt));

    /// <summary>The next delay; <paramref name="healthyFor"/> is how long the process was healthy before it exited.</summary>
    public TimeSpan Next(TimeSpan healthyFor)
    {
        if (healthyFor >= ResetAfterHealthy)
        {
            _attempt = 0;
        }

        return DelayFor(_attempt++);
    }
}
