using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mirix.Benchmarks;

/// <summary>
/// Mirix.Api as its own process from its Release build, as `dotnet run --project Mirix.Api` runs it, so its memory and
/// threads can be read from /proc without the load generator's mixed in.
/// </summary>
/// <summary>One reading of a process: resident memory in MB (all; private, such as heaps and native buffers; file-backed, such as mapped assemblies, which the kernel can drop and read again) and threads.</summary>
internal sealed record ProcessSample(double RssMb, double AnonMb, double FileMb, int Threads);

internal sealed class ApiServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private ApiServerProcess(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        _dataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public static async Task<ApiServerProcess> StartAsync(string root, IReadOnlyDictionary<string, string> settings)
    {
        var dll = Path.Combine(root, "Mirix.Api", "bin", "Release", "net10.0", "Mirix.Api.dll");
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("mirix-api-").FullName;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls=" + $"http://127.0.0.1:{port}");
        start.ArgumentList.Add("--Mirix:DataDirectory=" + data);
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(); // drained so the server never blocks on its console
        _ = process.StandardError.ReadToEndAsync();
        var server = new ApiServerProcess(process, new Uri($"http://127.0.0.1:{port}"), data);
        using var http = new HttpClient { BaseAddress = server.Address };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }
            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                throw new InvalidOperationException("Mirix.Api did not become healthy; build it first: dotnet build -c Release Mirix.sln");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>CPU time the server process has used so far, user and system.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public int ProcessId => _process.Id;

    /// <summary>Waits (up to a minute) until the server has used under 5 % of a core for a whole second.</summary>
    public async Task WaitUntilIdleAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var before = CpuTime();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = CpuTime();
            if (now - before < TimeSpan.FromMilliseconds(50))
            {
                return;
            }
            before = now;
        }
    }

    /// <summary>Resident memory (MB: all, private, file-backed) and thread count of the server process, from /proc.</summary>
    public async Task<ProcessSample> SampleAsync()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync($"/proc/{_process.Id}/status"))
        {
            var parts = line.Split([':', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0] is "VmRSS" or "RssAnon" or "RssFile" or "Threads")
            {
                values[parts[0]] = double.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }
        return new ProcessSample(values["VmRSS"] / 1024, values["RssAnon"] / 1024, values["RssFile"] / 1024, (int)values["Threads"]);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A graceful stop first (SIGTERM), as a service manager would, so the host shuts down in order and a trace
            // of it (DOTNET_EnableEventPipe) is complete; killed if it has not ended within 30 s.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
