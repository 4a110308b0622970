using System.Globalization;

namespace CrmPlatform.Hosting.Orchestration;

public sealed record LogLine(long Seq, DateTimeOffset Time, string Text, bool IsError);

/// <summary>
/// A resource's output: appended to its log file (survives the AppHost, for post-mortems) and kept in
/// a bounded in-memory ring (for the dashboard's live view without reading files back).
/// </summary>
public sealed class ResourceLog : IDisposable
{
    public const int Capacity = 2000;

    private readonly Lock _gate = new();
    private readonly Queue<LogLine> _ring = new();
    private readonly StreamWriter _file;
    private long _seq;

    public ResourceLog(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string Path { get; }

    /// <summary>Writes <c>---- started &lt;time&gt; pid N ----</c> so runs can be told apart in the file.</summary>
    public void StartMarker(string what, int pid) =>
        Append(string.Create(CultureInfo.InvariantCulture, $"---- {what} {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss.fff zzz} pid {pid} ----"), false);

    public void Append(string text, bool isError)
    {
        lock (_gate)
        {
            var line = new LogLine(++_seq, DateTimeOffset.Now, text, isError);
            _ring.Enqueue(line);
            if (_ring.Count > Capacity)
            {
                _ring.Dequeue();
            }

            try
            {
                _file.WriteLine(text);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after the app stopped is kept in memory only.
            }
        }
    }

    /// <summary>Lines with a sequence number above <paramref name="after"/>.</summary>
    public IReadOnlyList<LogLine> Since(long after)
    {
        lock (_gate)
        {
            return [.. _ring.Where(l => l.Seq > after)];
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }
}
