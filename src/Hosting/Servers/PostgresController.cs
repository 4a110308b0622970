using System.Diagnostics;
using System.Globalization;
using CrmPlatform.Hosting.Orchestration;

namespace CrmPlatform.Hosting.Servers;

/// <summary>A local PostgreSQL (Debian package, 15 or later): initdb on first run, then the postmaster in the foreground.</summary>
internal sealed class PostgresController(PostgresServerResource server, OrchestrationContext context)
    : ProcessResourceController(server, context)
{
    // Debian installs each major version side by side; take the newest (15 on Debian 12, 16 on Ubuntu 24.04).
    private static readonly string BinDirectory = FindBinDirectory();
    private const string ServiceUser = "postgres";

    private string _dataDirectory = "";
    private string _socketDirectory = "";

    // PostgreSQL refuses to run as root; as root we switch to the postgres user, otherwise run as ourselves.
    private static string? RunAs => Native.IsRoot ? ServiceUser : null;

    /// <summary>SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for every client to leave.</summary>
    protected override int StopSignal => Native.SigInt;

    public override IReadOnlyList<string> Endpoints => [$"tcp://127.0.0.1:{server.Port}"];

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var root = Context.Data.For(Name);
        _dataDirectory = Path.Combine(root, "data");
        _socketDirectory = Path.Combine(root, "run");

        // Unix socket paths are limited to 107 bytes; fall back to /tmp for deep data directories.
        if (_socketDirectory.Length > 80)
        {
            _socketDirectory = Path.Combine(Path.GetTempPath(), $"crm-pg-{server.Port}");
        }

        Directory.CreateDirectory(_dataDirectory);
        Directory.CreateDirectory(_socketDirectory);
        UnixFile.SetMode(_dataDirectory, UnixFile.OwnerOnlyDirectory);
        if (RunAs is { } user)
        {
            await ChownAsync(user, root, cancellationToken);
            await ChownAsync(user, _socketDirectory, cancellationToken);
        }

        await StopLeftoverPostmasterAsync(cancellationToken);

        if (!File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
        {
            await InitDbAsync(root, cancellationToken);
        }
    }

    protected override ProcessSpec CreateSpec()
    {
        List<string> args =
        [
            "-D", _dataDirectory,
            "-p", server.Port.ToString(CultureInfo.InvariantCulture),
            "-k", _socketDirectory,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "max_connections=300",
        ];
        if (Context.Isolated)
        {
            // Isolated data is thrown away on stop, so durability only costs time.
            args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        foreach (var (name, value) in server.Settings)
        {
            args.AddRange(["-c", $"{name}={value}"]);
        }

        return new ProcessSpec($"{BinDirectory}/postgres", args) { RunAsUser = RunAs, WorkingDirectory = _dataDirectory };
    }

    protected override Task<bool> ProbeAsync(CancellationToken cancellationToken) =>
        HealthProbes.PostgresAsync(server.ConnectionString!, cancellationToken);

    private async Task InitDbAsync(string root, CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(root, "initdb.pw");
        await File.WriteAllTextAsync(passwordFile, server.Password + "\n", cancellationToken);
        UnixFile.SetMode(passwordFile, UnixFile.OwnerOnly);
        try
        {
            if (RunAs is { } user)
            {
                await ChownAsync(user, passwordFile, cancellationToken);
            }

            var spec = new ProcessSpec(
                $"{BinDirectory}/initdb",
                ["-D", _dataDirectory, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8"])
            {
                RunAsUser = RunAs,
                WorkingDirectory = root,
                LogLabel = "initdb started",
            };
            await RunToCompletionAsync(spec, TimeSpan.FromSeconds(60), "initdb", cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>
    /// A postmaster left by a crashed AppHost (its postmaster.pid names a live postgres) would keep the
    /// data directory locked; the pid-file sweep normally got it already, this catches the rest.
    /// </summary>
    private async Task StopLeftoverPostmasterAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(_dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)
            || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), CultureInfo.InvariantCulture, out var pid)
            || !Native.IsAlive(pid))
        {
            return;
        }

        string commandLine;
        try
        {
            commandLine = (await File.ReadAllTextAsync($"/proc/{pid}/cmdline", cancellationToken)).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return;
        }

        if (!commandLine.Contains("postgres", StringComparison.Ordinal) || !commandLine.Contains(_dataDirectory, StringComparison.Ordinal))
        {
            return;
        }

        Context.Reporter.Info($"sweeping leftover postmaster (pid {pid}) of {_dataDirectory}");
        Native.Signal(pid, Native.SigInt);
        var deadline = DateTime.UtcNow + PidFiles.SweepGrace;
        while (Native.IsAlive(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        Native.SignalGroup(pid, Native.SigKill);
        Native.Signal(pid, Native.SigKill);
    }

    private static async Task ChownAsync(string user, string path, CancellationToken cancellationToken)
    {
        // .NET has no chown API; the coreutils binary is always there.
        using var chown = Process.Start(new ProcessStartInfo("/bin/chown", ["-R", $"{user}:{user}", path]) { UseShellExecute = false })
            ?? throw new DistributedApplicationException("Could not run chown.");
        await chown.WaitForExitAsync(cancellationToken);
        if (chown.ExitCode != 0)
        {
            throw new DistributedApplicationException($"chown {user} {path} failed with exit code {chown.ExitCode}.");
        }
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var newest = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(dir => (Dir: dir, Major: int.TryParse(Path.GetFileName(dir), out var major) ? major : 0))
                .Where(v => v.Major >= 15 && File.Exists(Path.Combine(v.Dir, "bin", "postgres")))
                .OrderByDescending(v => v.Major)
                .Select(v => v.Dir)
                .FirstOrDefault()
            : null;
        return Path.Combine(newest ?? Path.Combine(root, "15"), "bin");
    }
}
