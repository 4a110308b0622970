namespace CrmPlatform.Hosting.Orchestration;

/// <summary>
/// A resource without a process of ours (external server, database): healthy when its probe passes,
/// then probed every <see cref="ResourceController.HealthInterval"/>.
/// </summary>
internal abstract class ProbedResourceController(Resource resource, OrchestrationContext context)
    : ResourceController(resource, context)
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _monitor = Task.CompletedTask;

    protected virtual TimeSpan ReadyTimeout => TimeSpan.FromSeconds(60);

    protected abstract Task<bool> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>Runs once, after the first successful probe (e.g. CREATE DATABASE).</summary>
    protected virtual Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        SetState(ResourceState.Starting);
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!await ProbeAsync(cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw Failure($"did not become healthy within {ReadyTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(250, cancellationToken);
        }

        await InitializeAsync(cancellationToken);
        MarkStarted();
        SetState(ResourceState.Running);
        _monitor = MonitorAsync(_stopping.Token);
    }

    public override async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _monitor;
        if (WasStarted)
        {
            SetState(ResourceState.Stopped);
        }
    }

    private async Task MonitorAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(HealthInterval, cancellationToken);
                ReportHealth(await ProbeAsync(cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }
}
