namespace CrmPlatform.Hosting.Dashboard;

/// <summary>
/// The dashboard's two pages. All text from resources is inserted with textContent, never innerHTML,
/// so log lines cannot inject markup.
/// </summary>
internal static class DashboardPages
{
    private const string Style = """
        <style>
          body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #1d232a; background: #f6f7f9; }
          h1 { font-size: 1.3rem; } a { color: #0b5cad; }
          table { border-collapse: collapse; width: 100%; background: #fff; }
          th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #e3e6ea; }
          th { background: #eef1f4; }
          .Running { color: #137333; } .Unhealthy, .Failed, .Exited { color: #b3261e; }
          .Starting, .Migrating, .Restarting, .Waiting, .Stopping { color: #9a6700; }
          pre { background: #111; color: #ddd; padding: .8rem; height: 75vh; overflow: auto; white-space: pre-wrap; }
          .err { color: #ff8a80; } .muted { color: #69737d; }
        </style>
        """;

    public const string Index = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>CrmPlatform AppHost</title>
        """ + Style + """
        </head><body>
        <h1>CrmPlatform resources</h1>
        <table><thead><tr><th>Name</th><th>Kind</th><th>State</th><th>Health</th><th>Endpoints</th><th>PID</th><th>Restarts</th><th>Uptime</th></tr></thead>
        <tbody id="rows"></tbody></table>
        <p class="muted" id="status">loading…</p>
        <script>
        function cell(tr, text, cls) { const td = document.createElement('td'); td.textContent = text ?? ''; if (cls) td.className = cls; tr.appendChild(td); return td; }
        function uptime(s) { if (s == null) return ''; s = Math.floor(s); const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60); return (h ? h + 'h ' : '') + (m ? m + 'm ' : '') + (s % 60) + 's'; }
        async function refresh() {
          try {
            const resources = await (await fetch('/api/resources')).json();
            const rows = document.getElementById('rows'); rows.replaceChildren();
            for (const r of resources) {
              const tr = document.createElement('tr');
              const name = cell(tr, ''); const a = document.createElement('a'); a.href = '/resources/' + encodeURIComponent(r.name); a.textContent = r.name; name.appendChild(a);
              cell(tr, r.kind); cell(tr, r.state, r.state); cell(tr, r.health);
              const eps = cell(tr, '');
              for (const e of r.endpoints) { const link = document.createElement(e.startsWith('http') ? 'a' : 'span'); if (e.startsWith('http')) link.href = e; link.textContent = e; eps.appendChild(link); eps.appendChild(document.createTextNode(' ')); }
              cell(tr, r.external ? 'external' : r.pid); cell(tr, r.restarts); cell(tr, uptime(r.uptimeSeconds));
              rows.appendChild(tr);
            }
            document.getElementById('status').textContent = 'updated ' + new Date().toLocaleTimeString();
          } catch (e) { document.getElementById('status').textContent = 'AppHost not reachable: ' + e; }
        }
        refresh(); setInterval(refresh, 2000);
        </script></body></html>
        """;

    public const string Logs = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Logs</title>
        """ + Style + """
        </head><body>
        <p><a href="/">← resources</a></p>
        <h1 id="title">Logs</h1>
        <p class="muted" id="file"></p>
        <pre id="log"></pre>
        <script>
        const name = decodeURIComponent(location.pathname.split('/').pop());
        document.getElementById('title').textContent = 'Logs: ' + name;
        let after = 0;
        async function poll() {
          try {
            const data = await (await fetch('/api/resources/' + encodeURIComponent(name) + '/logs?after=' + after)).json();
            document.getElementById('file').textContent = data.logFile;
            const pre = document.getElementById('log');
            const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 5;
            for (const line of data.lines) {
              const span = document.createElement('span'); if (line.isError) span.className = 'err';
              span.textContent = line.text + '\n'; pre.appendChild(span); after = line.seq;
            }
            while (pre.childNodes.length > 2000) pre.removeChild(pre.firstChild);
            if (atBottom) pre.scrollTop = pre.scrollHeight;
          } catch (e) { }
        }
        poll(); setInterval(poll, 1000);
        </script></body></html>
        """;
}
