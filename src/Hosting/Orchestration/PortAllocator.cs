using System.Net;
using System.Net.Sockets;

namespace CrmPlatform.Hosting.Orchestration;

/// <summary>Free ports (isolated mode) and availability checks for fixed ports (normal mode).</summary>
internal sealed class PortAllocator
{
    private readonly HashSet<int> _handedOut = [];

    /// <summary>A port the OS reports free, never the same one twice in this run.</summary>
    public int GetFreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (_handedOut.Add(port))
            {
                return port;
            }
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
