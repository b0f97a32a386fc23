using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Web;

/// <summary>
/// Mirix.Web run from its own build as a process, as <c>dotnet run</c> runs it, pointed at an Api; it is ready when
/// its status page answers.
/// </summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WebAppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<WebAppProcess> StartAsync(Uri apiAddress)
    {
        var configuration = typeof(WebAppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var project = RepositoryFiles.Path("Mirix.Web");
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(project, "bin", configuration, "net10.0", "Mirix.Web.dll") },
            Environment =
            {
                // Development serves the static assets of the build (Fluent UI's among them) as dotnet run does.
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = address.ToString(),
                ["Mirix__ApiUrl"] = apiAddress.ToString(),
            },
        };
        var process = Process.Start(start)!;
        // Drained so a full pipe never blocks the app.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var web = new WebAppProcess(process, address);
        using var http = new HttpClient { BaseAddress = address };
        await Eventually.WaitUntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Mirix.Web exited with {process.ExitCode}.");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/alive", UriKind.Relative));
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "Mirix.Web did not start", TimeSpan.FromSeconds(60));
        return web;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
