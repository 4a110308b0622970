using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace CrmPlatform.Hosting.Servers;

/// <summary>
/// Readiness checks. Each answers "can a client use this right now?" with the client's own protocol
/// where that is cheap, and never throws: a failed probe is simply "not healthy yet".
/// </summary>
internal static class HealthProbes
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private static readonly HttpClient Http = new() { Timeout = ProbeTimeout };

    public static async Task<bool> PostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        // No pooling: a pooled connection could hide a server that has just died.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 2 };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            return (int?)await command.ExecuteScalarAsync(cancellationToken) == 1;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    public static async Task<bool> TcpAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>AUTH (when there is a password) then PING, in RESP, answered by +OK / +PONG.</summary>
    public static async Task<bool> RedisAsync(string host, int port, string? password, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            var stream = client.GetStream();
            var request = new StringBuilder();
            if (!string.IsNullOrEmpty(password))
            {
                request.Append(Resp("AUTH", password));
            }

            request.Append(Resp("PING"));
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token);

            // Replies are "+OK" and "+PONG"; any "-ERR…"/"-WRONGPASS…" line means not usable.
            var received = new StringBuilder();
            var buffer = new byte[256];
            while (true)
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return false;
                }

                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
                var text = received.ToString();
                if (text.StartsWith('-') || text.Contains("\r\n-", StringComparison.Ordinal))
                {
                    return false;
                }

                if (text.Contains("+PONG\r\n", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    public static async Task<bool> HttpOkAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(uri, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private static string Resp(params string[] parts) =>
        $"*{parts.Length}\r\n" + string.Concat(parts.Select(p => $"${Encoding.UTF8.GetByteCount(p)}\r\n{p}\r\n"));
}
