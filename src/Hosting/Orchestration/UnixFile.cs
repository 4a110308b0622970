namespace CrmPlatform.Hosting.Orchestration;

/// <summary>File modes for the servers' files. The orchestrator is Linux-only; the guard keeps the analyzer honest.</summary>
internal static class UnixFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    /// <summary>rwx--x--x: others may traverse (the postgres user must reach its folder) but not list.</summary>
    public const UnixFileMode Traversable = OwnerOnlyDirectory | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }
}
