using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mirix.ServerProcesses;

/// <summary>
/// A redis-server of a test's own (append-only, on loopback), so the test can stop and restart it without touching the
/// shared test server. Stopping is Redis's SHUTDOWN: the append-only file is flushed, as on a graceful restart.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mirix-redis-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort();

    public string Address => $"127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync()
    {
        var server = new RedisServerProcess();
        await server.RestartAsync();
        return server;
    }

    public async Task RestartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--appendonly", "yes", "--save", "", "--dir", _directory])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _ = _process.StandardOutput.ReadToEndAsync(); // drained so the server never blocks on its log
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public async Task StopAsync()
    {
        using var cli = Process.Start(new ProcessStartInfo("redis-cli", ["-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "shutdown"]) { UseShellExecute = false })!;
        await cli.WaitForExitAsync();
        await _process!.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await StopAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
