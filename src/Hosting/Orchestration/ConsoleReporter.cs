using System.Globalization;
using System.Text;

namespace CrmPlatform.Hosting.Orchestration;

/// <summary>The AppHost's console: one line per state change, a table and the ready line once healthy.</summary>
internal sealed class ConsoleReporter(TextWriter output)
{
    private readonly Lock _gate = new();

    public void Info(string message) => Write($"[apphost] {message}");

    public void StateChanged(string name, ResourceState state, int? pid) =>
        Info(pid is { } p ? $"{name}: {state} (pid {p})" : $"{name}: {state}");

    public void Table(IEnumerable<ResourceSnapshot> resources)
    {
        var rows = resources
            .Select(r => (r.Name, State: r.State.ToString(), Url: r.Endpoints.Count > 0 ? r.Endpoints[0] : "", Pid: r.Pid?.ToString(CultureInfo.InvariantCulture) ?? (r.External ? "external" : "")))
            .ToList();
        int nameWidth = Math.Max(4, rows.Max(r => r.Name.Length)), stateWidth = Math.Max(5, rows.Max(r => r.State.Length));
        int urlWidth = Math.Max(3, rows.Max(r => r.Url.Length));
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"  {"NAME".PadRight(nameWidth)}  {"STATE".PadRight(stateWidth)}  {"URL".PadRight(urlWidth)}  PID");
        foreach (var row in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"  {row.Name.PadRight(nameWidth)}  {row.State.PadRight(stateWidth)}  {row.Url.PadRight(urlWidth)}  {row.Pid}");
        }

        Write(table.ToString().TrimEnd('\n'));
    }

    /// <summary>The one line tools parse: keep its shape stable.</summary>
    public static string ReadyLine(TimeSpan elapsed, Uri? gateway, Uri dashboard) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"CrmPlatform is ready in {elapsed.TotalSeconds:0.0} s — gateway {(gateway is null ? "none" : Origin(gateway))}, dashboard {Origin(dashboard)}");

    public static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    public void Write(string text)
    {
        lock (_gate)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }
}
