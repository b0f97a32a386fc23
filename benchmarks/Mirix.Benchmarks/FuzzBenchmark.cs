using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Mirix.ServerProcesses;

namespace Mirix.Benchmarks;

/// <summary>
/// The route fuzz of <c>MalformedInputTests</c>, run longer than CI affords: any number of cases and any seed, against the
/// Api on Kestrel over loopback sockets, on the embedded default or a PostgreSQL of its own.
/// </summary>
internal static class FuzzBenchmark
{
    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var cases = int.Parse(arguments.Option("cases", "100000"), CultureInfo.InvariantCulture);
        var seed = int.Parse(arguments.Option("seed", "1"), CultureInfo.InvariantCulture);
        var storage = arguments.Option("storage", "sqlite");
        var root = RepositoryPaths.Root();
        var outPath = arguments.Option("out", Path.Combine(root, "docs", "benchmarks", "fuzz.md"));

        await using var postgres = storage == "postgres" ? await PostgresServerProcess.StartAsync() : null;
        await using var host = new BenchmarkHost(postgres?.ConnectionString("mirix_fuzz"), new Dictionary<string, string>
        {
            // Thousands of refusals would each be a console line.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
        });
        // A hostile client sends header bytes that are not ASCII; .NET's own client refuses to unless told how to encode them.
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        using var http = new HttpClient(handler) { BaseAddress = host.ListenOnLoopback(), Timeout = TimeSpan.FromMinutes(2) };
        using (var registered = await http.PostAsJsonAsync("/admin/auth/register", new { name = "Operator", email = "fuzz@example.com", password = "fuzz-password" }))
        {
            registered.EnsureSuccessStatusCode();
            http.DefaultRequestHeaders.Authorization = new("Bearer", (await registered.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>());
        }
        var ids = await RouteFuzz.SeedAsync(http);

        Console.WriteLine($"fuzz: {cases} cases, seed {seed}, {host.Storage}");
        var statuses = new SortedDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var failures = await RouteFuzz.RunAsync(http, ids, cases, seed, statuses);
        var elapsed = clock.Elapsed;
        Console.WriteLine($"fuzz: {failures.Count} failures in {elapsed.TotalSeconds:F0} s");

        var inv = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.AppendLine("# Route fuzz, long run").AppendLine();
        report.AppendLine(inv, $"Machine: {await BenchmarkHost.DescribeAsync(root)}  ").AppendLine(inv, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  ");
        report.AppendLine(inv, $"Command: `dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- fuzz --cases {cases} --seed {seed} --storage {storage}`").AppendLine();
        report.AppendLine(inv, $"The generator of `tests/Mirix.IntegrationTests/Api/MalformedInputTests.cs` (`RouteFuzz`: random subsets of each body route's fields filled from a pool of edge cases, truncated bodies, wrong content types, stray headers), sent one at a time over loopback sockets to the Api on Kestrel ({host.Storage}). CI runs 10,000 cases on SQLite and 2,000 on PostgreSQL at seed 20261202; this run used another seed and {cases:N0} cases. A case fails on a 5xx, a lost connection, or an error answered without ProblemDetails; Kestrel's own refusals of headers it cannot accept (431, or 400 with no body and the connection closed) come before the Api and are counted by status only. Header values go out as UTF-8 bytes, as a hostile client would send them.").AppendLine();
        report.AppendLine("| cases | seed | failures | time | cases per second |").AppendLine("|---:|---:|---:|---:|---:|");
        report.AppendLine(inv, $"| {cases:N0} | {seed} | **{failures.Count}** | {elapsed.TotalSeconds:F0} s | {cases / elapsed.TotalSeconds:F0} |").AppendLine();
        report.AppendLine("Answers by status:").AppendLine().AppendLine("| status | answers |").AppendLine("|---:|---:|");
        foreach (var (status, count) in statuses)
        {
            report.AppendLine(inv, $"| {status} | {count:N0} |");
        }
        report.AppendLine();
        if (failures.Count > 0)
        {
            report.AppendLine("First failures:").AppendLine();
            foreach (var failure in failures.Take(20))
            {
                report.AppendLine(inv, $"- `{failure.Replace("`", "'", StringComparison.Ordinal)}`");
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await File.WriteAllTextAsync(outPath, report.ToString());
        Console.WriteLine($"wrote {outPath}");
    }
}
