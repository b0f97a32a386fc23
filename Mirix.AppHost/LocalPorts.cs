using System.Net;
using System.Net.Sockets;

namespace Mirix.AppHost;

internal static class LocalPorts
{
    /// <summary>A loopback port free right now; the servers bind it moments later, unproxied, so clients dial what they advertise.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
