using System.Security.Cryptography;
using System.Text.Json;

namespace CrmPlatform.Hosting.Orchestration;

/// <summary>
/// The AppHost's state on disk: server data, logs, pid files, generated secrets, and a lock so two
/// AppHosts never run servers on the same files.
/// </summary>
internal sealed class DataDirectory : IDisposable
{
    private FileStream? _lock;

    private DataDirectory(string root, bool isTemporary)
    {
        Root = root;
        IsTemporary = isTemporary;
    }

    public string Root { get; }

    /// <summary>Created for an isolated run and deleted on stop (unless --keep-data).</summary>
    public bool IsTemporary { get; }

    public string Logs => Path.Combine(Root, "logs");

    public string Pids => Path.Combine(Root, "pids");

    public static DataDirectory Create(string? path, bool isolated, string repoRoot)
    {
        if (path is not null)
        {
            return new DataDirectory(Path.GetFullPath(path), isTemporary: false);
        }

        return isolated
            ? new DataDirectory(System.IO.Directory.CreateTempSubdirectory("crm-apphost-").FullName, isTemporary: true)
            : new DataDirectory(Path.Combine(repoRoot, ".apphost"), isTemporary: false);
    }

    public string For(string subfolder) => System.IO.Directory.CreateDirectory(Path.Combine(Root, subfolder)).FullName;

    public string LogFile(string resource) => Path.Combine(Logs, resource + ".log");

    /// <summary>
    /// Takes an exclusive lock on <c>apphost.lock</c>. .NET maps FileShare.None to flock(LOCK_EX|LOCK_NB)
    /// on Linux, so the lock dies with the process: a crashed AppHost never leaves a stale lock.
    /// </summary>
    public void Lock()
    {
        System.IO.Directory.CreateDirectory(Root);

        // Temp dirs are created 0700; the postgres user must be able to traverse to its folder.
        UnixFile.SetMode(Root, UnixFile.Traversable);
        var path = Path.Combine(Root, "apphost.lock");
        try
        {
            _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new DistributedApplicationException(
                $"Another AppHost is already running on data directory {Root} (lock {path} is held). " +
                "Stop it, or use --isolated or --data-dir for a second one.", e);
        }

        _lock.SetLength(0);
        using var writer = new StreamWriter(_lock, leaveOpen: true);
        writer.Write(Environment.ProcessId);
    }

    /// <summary>Random passwords created on first run (chmod 600) and reused, since server data keeps them.</summary>
    public Dictionary<string, string> LoadOrCreateSecrets(IEnumerable<string> names)
    {
        var path = Path.Combine(Root, "secrets.json");
        var secrets = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
            : [];
        var missing = names.Where(n => !secrets.ContainsKey(n)).ToList();
        if (missing.Count > 0 || !File.Exists(path))
        {
            foreach (var name in missing)
            {
                // Hex only: the password goes into URIs and connection strings unescaped.
                secrets[name] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            }

            File.WriteAllText(path, "{}");
            UnixFile.SetMode(path, UnixFile.OwnerOnly);
            File.WriteAllText(path, JsonSerializer.Serialize(secrets, JsonOptions));
        }

        return secrets;
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    /// <summary>Releases the lock and, for a temporary directory, deletes it.</summary>
    public void Release(bool keepData)
    {
        Dispose();
        if (IsTemporary && !keepData && System.IO.Directory.Exists(Root))
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
}
