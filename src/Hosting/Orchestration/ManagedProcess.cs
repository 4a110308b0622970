using System.Diagnostics;

namespace CrmPlatform.Hosting.Orchestration;

/// <summary>
/// A child process in its own process group, with its output copied line by line into a
/// <see cref="ResourceLog"/>. The exit is observed through the Exited event, not by waiting for the
/// output to end: daemons forked by a server (e.g. Erlang's epmd) may keep the pipes open.
/// </summary>
internal sealed class ManagedProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ManagedProcess(Process process) => _process = process;

    public int Pid { get; private set; }

    public long StartTime { get; private set; }

    /// <summary>Completes with the exit code when the process exits.</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    public static ManagedProcess Start(ProcessSpec spec, ResourceLog log)
    {
        // setsid execs the program in a new session, so the pid we hold is also the process-group id.
        var info = new ProcessStartInfo("/usr/bin/setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        if (spec.RunAsUser is { } user)
        {
            foreach (var arg in new[] { "/usr/bin/setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups" })
            {
                info.ArgumentList.Add(arg);
            }
        }

        info.ArgumentList.Add(spec.FileName);
        foreach (var arg in spec.Arguments)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process);
        process.Exited += (_, _) => managed._exited.TrySetResult(SafeExitCode(process));
        if (!process.Start())
        {
            throw new DistributedApplicationException($"Could not start {spec.FileName}.");
        }

        managed.Pid = process.Id;
        managed.StartTime = Native.StartTime(process.Id) ?? 0;
        log.StartMarker(spec.LogLabel, process.Id);

        // Nothing reads from the AppHost's terminal but the AppHost.
        process.StandardInput.Close();
        _ = PumpAsync(process.StandardOutput, log, isError: false);
        _ = PumpAsync(process.StandardError, log, isError: true);
        return managed;
    }

    public void SignalGroup(int signal)
    {
        if (!HasExited)
        {
            Native.SignalGroup(Pid, signal);
        }
    }

    public void Dispose() => _process.Dispose();

    private static int SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private static async Task PumpAsync(StreamReader reader, ResourceLog log, bool isError)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                log.Append(line, isError);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe closed under us: the process is gone.
        }
    }
}
