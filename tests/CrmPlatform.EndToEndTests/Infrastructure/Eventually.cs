namespace CrmPlatform.EndToEndTests.Infrastructure;

/// <summary>Polls, within a bound, for something the suite does asynchronously; returns the last value seen.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        var value = await probe();
        while (!until(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = await probe();
        }

        return value;
    }
}
