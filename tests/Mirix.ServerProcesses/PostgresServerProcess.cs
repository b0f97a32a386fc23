using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mirix.ServerProcesses;

/// <summary>
/// A PostgreSQL server of a test's own, from the machine's binaries, so a fault test can stop and start it without touching
/// the shared server. Stopping is a fast shutdown: sessions are cut, as when an operator restarts the server.
/// </summary>
public sealed class PostgresServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("mirix-pg-").FullName;
    private readonly string _bin = Binaries();
    private readonly bool _asRoot = Environment.UserName == "root";
    private bool _running;

    private PostgresServerProcess()
    {
    }

    public int Port { get; } = FreePort();

    /// <summary>The connection string of a database <paramref name="name"/> (created by the migrator when missing).</summary>
    public string ConnectionString(string name) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={name};Timeout=5";

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<PostgresServerProcess> StartAsync()
    {
        var server = new PostgresServerProcess();
        if (server._asRoot)
        {
            await server.RunAsync("chown", "postgres:postgres", server._directory);
        }
        await server.RunAsync(Path.Combine(server._bin, "initdb"), "-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions");
        await server.RestartAsync();
        return server;
    }

    public async Task RestartAsync()
    {
        var options = $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {_directory} -c listen_addresses=127.0.0.1";
        await RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-o", options, "start");
        _running = true;
    }

    public async Task StopAsync()
    {
        _running = false;
        await RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-m", "fast", "-w", "stop");
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            await StopAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Runs a command to its end (as the postgres account under root), within a bound, with output left to the log.</summary>
    private async Task RunAsync(string program, params string[] arguments)
    {
        var start = _asRoot && program != "chown"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.UseShellExecute = false;
        start.RedirectStandardInput = true; // never inherit the test host's stdin
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_directory, "server.log");
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}. "
                + (File.Exists(log) ? await File.ReadAllTextAsync(log) : ""));
        }
    }

    private static string Binaries() =>
        Environment.GetEnvironmentVariable("MIRIX_POSTGRES_BIN") is { Length: > 0 } configured
            ? configured
            : Directory.EnumerateDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).First(b => File.Exists(Path.Combine(b, "postgres")));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
