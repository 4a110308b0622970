using System.Globalization;

namespace CrmPlatform.Hosting.Orchestration;

/// <summary>
/// A resource that is a local process: prepare once, launch, wait until healthy, then supervise
/// (health every 5 s; restart with backoff when the process exits while the app is running).
/// </summary>
internal abstract class ProcessResourceController(Resource resource, OrchestrationContext context)
    : ResourceController(resource, context)
{
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stopping = new();
    private readonly RestartBackoff _backoff = new();
    private ManagedProcess? _process;
    private Task _supervisor = Task.CompletedTask;

    protected virtual TimeSpan ReadyTimeout => TimeSpan.FromSeconds(60);

    /// <summary>The signal that asks the server for a clean, quick shutdown.</summary>
    protected virtual int StopSignal => Native.SigTerm;

    /// <summary>One-time set-up before the first launch (folders, config files, initdb, migrations).</summary>
    protected virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected abstract ProcessSpec CreateSpec();

    protected abstract Task<bool> ProbeAsync(CancellationToken cancellationToken);

    protected override async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        SetState(ResourceState.Starting);
        await PrepareAsync(cancellationToken);
        await LaunchUntilHealthyAsync(cancellationToken);
        _supervisor = Task.Run(() => SuperviseAsync(_stopping.Token), CancellationToken.None);
    }

    public override async Task StopAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _supervisor;
        }
        catch (OperationCanceledException)
        {
            // The supervisor was interrupted mid-restart; the process is handled below.
        }

        if (_process is not { } process)
        {
            if (WasStarted && State != ResourceState.Failed)
            {
                SetState(ResourceState.Stopped);
            }

            return;
        }

        if (!process.HasExited)
        {
            SetState(ResourceState.Stopping, process.Pid);
            process.SignalGroup(StopSignal);
            if (await Task.WhenAny(process.Exited, Task.Delay(StopGrace)) != process.Exited)
            {
                Log.Append($"[apphost] no exit within {StopGrace.TotalSeconds:0} s of the stop signal; killing the process group", true);
                process.SignalGroup(Native.SigKill);
                await Task.WhenAny(process.Exited, Task.Delay(TimeSpan.FromSeconds(5)));
            }
        }

        Context.PidFiles.Remove(Name);
        if (State != ResourceState.Failed)
        {
            SetState(ResourceState.Stopped);
        }
    }

    /// <summary>Runs a one-shot helper process (initdb, migrations) to completion, logging into this resource's log.</summary>
    protected async Task RunToCompletionAsync(ProcessSpec spec, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        using var process = ManagedProcess.Start(spec, Log);
        var pidName = $"{Name}-{what}";
        Context.PidFiles.Write(pidName, process.Pid, process.StartTime);
        try
        {
            var finished = await Task.WhenAny(process.Exited, Task.Delay(timeout, cancellationToken));
            if (finished != process.Exited)
            {
                process.SignalGroup(Native.SigKill);
                cancellationToken.ThrowIfCancellationRequested();
                throw Failure($"{what} did not finish within {timeout.TotalSeconds:0} s");
            }

            var exitCode = await process.Exited;
            if (exitCode != 0)
            {
                throw Failure($"{what} failed with exit code {exitCode}");
            }
        }
        finally
        {
            process.SignalGroup(Native.SigKill);
            Context.PidFiles.Remove(pidName);
        }
    }

    private async Task LaunchUntilHealthyAsync(CancellationToken cancellationToken)
    {
        var process = ManagedProcess.Start(CreateSpec(), Log);
        var previous = Interlocked.Exchange(ref _process, process);
        previous?.Dispose();
        Context.PidFiles.Write(Name, process.Pid, process.StartTime);
        SetState(ResourceState.Starting, process.Pid);

        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                var exitCode = await process.Exited;
                throw Failure(string.Create(CultureInfo.InvariantCulture, $"exited with code {exitCode} before becoming healthy"));
            }

            if (await ProbeAsync(cancellationToken))
            {
                MarkStarted();
                SetState(ResourceState.Running, process.Pid);
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw Failure($"did not become healthy within {ReadyTimeout.TotalSeconds:0} s");
            }

            await Task.WhenAny(process.Exited, Task.Delay(200, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var process = _process!;
                var tick = Task.Delay(HealthInterval, cancellationToken);
                if (await Task.WhenAny(process.Exited, tick) == tick)
                {
                    await tick;
                    ReportHealth(await ProbeAsync(cancellationToken));
                    continue;
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                await RestartAsync(process, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task RestartAsync(ManagedProcess exited, CancellationToken cancellationToken)
    {
        var exitCode = await exited.Exited;
        SetState(ResourceState.Exited);
        Log.Append(string.Create(CultureInfo.InvariantCulture, $"[apphost] process {exited.Pid} exited with code {exitCode}"), true);

        // Children of a crashed server (postgres backends, beam) would hold its ports: clear the group.
        Native.SignalGroup(exited.Pid, Native.SigKill);
        Context.PidFiles.Remove(Name);

        var healthyFor = StartedAt is { } at ? DateTimeOffset.Now - at : TimeSpan.Zero;
        var delay = _backoff.Next(healthyFor);
        CountRestart();
        SetState(ResourceState.Restarting);
        Context.Reporter.Info($"{Name}: restarting in {delay.TotalSeconds:0} s (exit code {exitCode})");
        await Task.Delay(delay, cancellationToken);
        try
        {
            await LaunchUntilHealthyAsync(cancellationToken);
        }
        catch (DistributedApplicationException e)
        {
            // Kill whatever is left so the supervisor sees an exit and tries again, with more backoff.
            Context.Reporter.Info(e.Message);
            _process?.SignalGroup(Native.SigKill);
        }
    }

    public override void Dispose()
    {
        _process?.Dispose();
        _stopping.Dispose();
        base.Dispose();
    }
}
