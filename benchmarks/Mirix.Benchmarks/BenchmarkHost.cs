using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mirix.Benchmarks;

/// <summary>
/// Mirix.Api in this process (SQLite in a temporary folder, or the given PostgreSQL) and a client with an API key. With
/// <paramref name="settings"/> it takes extra configuration; with <see cref="ListenOnLoopback"/> it serves real HTTP on Kestrel.
/// </summary>
/// <paramref name="keptDataDirectory"/> names a SQLite data folder that outlives the run (seeded once, reused).
internal sealed class BenchmarkHost(string? postgres, IReadOnlyDictionary<string, string>? settings = null, string? keptDataDirectory = null)
    : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = keptDataDirectory ?? Directory.CreateTempSubdirectory("mirix-bench-").FullName;

    public string Storage => postgres is null ? "SQLite (embedded default)" : "PostgreSQL";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Mirix:DataDirectory", _dataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (postgres is not null)
        {
            builder.UseSetting("ConnectionStrings:mirix", postgres);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Serves on Kestrel at a loopback port, so load goes through real sockets; returns the address.</summary>
    public Uri ListenOnLoopback()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        UseKestrel(port);
        StartServer();
        return new Uri($"http://127.0.0.1:{port}");
    }

    public async Task<HttpClient> CreateClientWithKeyAsync(string writeScope)
    {
        using var anonymous = CreateClient();
        var http = CreateClient();
        http.Timeout = TimeSpan.FromMinutes(5);
        http.DefaultRequestHeaders.Add("X-API-Key", await CreateApiKeyAsync(anonymous, writeScope));
        return http;
    }

    /// <summary>Registers the operator (or signs in, on a kept database), creates <c>client-bench</c> and returns a key of it.</summary>
    public static async Task<string> CreateApiKeyAsync(HttpClient anonymous, string writeScope)
    {
        var account = new { name = "bench", email = "bench@example.com", password = "benchmark-password" };
        using var first = await anonymous.PostAsJsonAsync("/admin/auth/register", account);
        // A kept database (search-latency --keep true) has the account already.
        using var registered = first.IsSuccessStatusCode ? null : await anonymous.PostAsJsonAsync("/admin/auth/login", new { account.email, account.password });
        (registered ?? first).EnsureSuccessStatusCode();
        var token = (await (registered ?? first).Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        using var op = new HttpRequestMessage(HttpMethod.Post, "/clients/create_or_get")
        {
            Content = JsonContent.Create(new { client_id = "client-bench", write_scope = writeScope, read_scopes = new[] { writeScope } }),
        };
        op.Headers.Authorization = new("Bearer", token);
        (await anonymous.SendAsync(op)).EnsureSuccessStatusCode();
        using var keyRequest = new HttpRequestMessage(HttpMethod.Post, "/clients/client-bench/api-keys") { Content = JsonContent.Create(new { name = "bench" }) };
        keyRequest.Headers.Authorization = new("Bearer", token);
        using var key = await anonymous.SendAsync(keyRequest);
        key.EnsureSuccessStatusCode();
        return (await key.Content.ReadFromJsonAsync<JsonObject>())!["api_key"]!.GetValue<string>();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (keptDataDirectory is null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    public static async Task<string> DescribeAsync(string root)
    {
        var cpuInfo = File.Exists("/proc/cpuinfo") ? await File.ReadAllLinesAsync("/proc/cpuinfo") : [];
        string? Field(string name) => cpuInfo.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        // Machines of one kind here report the same model name yet ran these benchmarks up to twice as fast as each other:
        // the clock and the widest vectors tell them apart.
        var clock = double.TryParse(Field("cpu MHz"), NumberStyles.Float, CultureInfo.InvariantCulture, out var mhz) ? $", {mhz / 1000:F1} GHz" : "";
        var vectors = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? ", AVX-512" : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? ", AVX2" : "";
        return $"{Environment.ProcessorCount} cores ({Field("model name") ?? "unknown CPU"}{clock}{vectors}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, "
            + $".NET {Environment.Version}, commit {await GitCommitAsync(root)}";
    }

    private static async Task<string> GitCommitAsync(string root)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", root, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true })!;
            var commit = (await git.StandardOutput.ReadToEndAsync()).Trim();
            await git.WaitForExitAsync();
            return commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
