using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Domain;
using Mirix.Core.Storage;
using Mirix.Core.Retrieval;
using Npgsql;

namespace Mirix.Benchmarks;

/// <summary>
/// The write path under load, over real HTTP on loopback: the accept rate and latency of <c>POST /memory/add</c> with 64
/// concurrent clients (the Api alone, as the AppHost runs it), then end-to-end raw-mode throughput from accept to
/// operation succeeded with the consumers running, for the in-process queue and Redis Streams, on PostgreSQL.
/// </summary>
internal static class IngestionBenchmark
{
    private const int Clients = 64;
    private const int WarmUpMessages = 1500;
    private const int Users = 256;
    private static readonly string[] Transports = ["in_process", "redis_streams"];

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var postgres = arguments.Option("postgres") ?? Environment.GetEnvironmentVariable("MIRIX_TEST_POSTGRES")
            ?? throw new InvalidOperationException("ingest needs --postgres (an Npgsql connection string where it may create a database) or MIRIX_TEST_POSTGRES.");
        var redis = arguments.Option("redis") ?? Environment.GetEnvironmentVariable("MIRIX_TEST_REDIS")
            ?? throw new InvalidOperationException("ingest needs --redis host:port or MIRIX_TEST_REDIS.");
        var acceptSeconds = double.Parse(arguments.Option("seconds", "15"), CultureInfo.InvariantCulture);
        var endToEndMessages = int.Parse(arguments.Option("messages", "3000"), CultureInfo.InvariantCulture);
        var models = arguments.Option("models", $"{LocalEmbeddingGenerator.MiniLmModelId},{LocalEmbeddingGenerator.MiniLmInt8ModelId}").Split(',');
        var root = RepositoryPaths.Root();
        var outPath = arguments.Option("out", Path.Combine(root, "docs", "benchmarks", "ingestion.md"));

        var report = new StringBuilder();
        report.AppendLine("# Ingestion: accept rate, latency and end-to-end throughput").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {await BenchmarkHost.DescribeAsync(root)}  ").AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  ");
        report.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL: {await DescribePostgresAsync(postgres)}; Redis {redis} (append-only as scripts/test-services.sh starts it)  ");
        report.AppendLine(CultureInfo.InvariantCulture, $"Load: {Clients} concurrent clients over HTTP/1.1 on loopback (Kestrel), {Users} users, one text message per request, `mode: raw`; default partitions (4).").AppendLine();
        report.AppendLine("Command: `dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- ingest --postgres <conn> --redis <host:port>` (`--models a,b` picks the local models embedding end to end; MiniLM in float and in int8 by default)").AppendLine();

        // The first host of the process pays for tiered JIT of the whole stack under load: a discarded run first.
        await MeasureAsync(postgres, redis, "in_process", hostWorkers: false, async http => await LoadAsync(http, TimeSpan.FromSeconds(10), int.MaxValue));

        report.AppendLine("## Accept: `POST /memory/add`, the Api alone (consumers in another process)").AppendLine();
        report.AppendLine("After a discarded 10 s run (tiered JIT) and a 5 s warm-up per host.").AppendLine();
        report.AppendLine("| Transport | Requests | Requests/s | p50 ms | p95 ms | p99 ms | max ms | Refused (503) |").AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var transport in Transports)
        {
            var accept = await MeasureAsync(postgres, redis, transport, hostWorkers: false, async http => await LoadAsync(http, TimeSpan.FromSeconds(acceptSeconds), int.MaxValue));
            Console.WriteLine($"accept {transport}: {accept.Rate:F0} req/s, p99 {accept.P(0.99):F1} ms");
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {transport} | {accept.Count} | **{accept.Rate:F0}** | {accept.P(0.50):F1} | {accept.P(0.95):F1} | **{accept.P(0.99):F1}** | {accept.P(1):F1} | {accept.Refused} |");
        }

        report.AppendLine().AppendLine("## End to end: accept → operation succeeded (raw mode: messages stored, raw memory embedded and indexed)").AppendLine();
        report.AppendLine("| Transport | Embedding model | Messages | Accepted in s | All succeeded in s | Messages/s end to end | accept→succeeded p50 ms | p95 ms | p99 ms |").AppendLine("|---|---|---|---|---|---|---|---|---|");
        var runs = Transports.SelectMany(t => models.Select(m => (Transport: t, Model: (string?)m))).Append(("redis_streams", null));
        foreach (var (transport, model) in runs)
        {
            var e2e = await MeasureEndToEndAsync(postgres, redis, transport, model, endToEndMessages);
            Console.WriteLine($"end to end {transport}, {model ?? "embeddings off"}: {e2e.Throughput:F0} messages/s");
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {transport} | {model ?? "none (embeddings off)"} | {e2e.Messages} | {e2e.AcceptSeconds:F1} | {e2e.TotalSeconds:F1} | **{e2e.Throughput:F0}** | {e2e.P(0.50):F0} | {e2e.P(0.95):F0} | {e2e.P(0.99):F0} |");
        }
        report.AppendLine().AppendLine("Reading these figures:");
        report.AppendLine("- The load generator runs in the same process as the Api and shares its 2 cores.");
        report.AppendLine(CultureInfo.InvariantCulture, $"- Each end-to-end host (a new database) first takes {WarmUpMessages:N0} messages through the whole pipeline and waits for them, so the consumers run compiled code: what a server does after its first minute.");
        report.AppendLine("- An accepted request has its operation journaled in PostgreSQL (group commit: one insert per batch of concurrent requests) and its envelope queued; with `fsync=on` each batch also waits for a WAL flush.");
        report.AppendLine("- Accept→succeeded latencies are mostly queueing: the messages arrive within 1-2 s and the consumers (one per partition) drain them at the end-to-end rate; a partition's waiting raw adds are embedded in one batch and then finished in one transaction (the lookahead); the run without embeddings shows what the rest of a consumer's work allows.");
        await File.WriteAllTextAsync(outPath, report.ToString());
        Console.WriteLine($"written to {outPath}");
    }

    private sealed record LoadResult(int Count, int Refused, double Seconds, List<double> LatenciesMs)
    {
        public double Rate => Count / Seconds;

        public double P(double p) => LatenciesMs.Count == 0 ? double.NaN : LatenciesMs[(int)Math.Min(LatenciesMs.Count - 1, Math.Round(p * (LatenciesMs.Count - 1)))];
    }

    private sealed record EndToEnd(int Messages, double AcceptSeconds, double TotalSeconds, List<double> LatenciesMs)
    {
        public double Throughput => Messages / TotalSeconds;

        public double P(double p) => LatenciesMs[(int)Math.Min(LatenciesMs.Count - 1, Math.Round(p * (LatenciesMs.Count - 1)))];
    }

    /// <summary>64 clients send until the time is up or <paramref name="total"/> requests were accepted.</summary>
    private static async Task<LoadResult> LoadAsync(HttpClient http, TimeSpan duration, int total)
    {
        var latencies = new List<double>[Clients];
        var refused = 0;
        var sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            var mine = latencies[c] = [];
            while (clock.Elapsed < duration && Interlocked.Increment(ref sent) <= total)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/memory/add", new
                {
                    user_id = $"user-{Random.Shared.Next(Users)}",
                    mode = "raw",
                    messages = new[] { new { role = "user", content = $"Client {c} says: remember that the meeting moved to room {Random.Shared.Next(1000)}." } },
                });
                if (response.IsSuccessStatusCode)
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else if ((int)response.StatusCode == 503)
                {
                    Interlocked.Increment(ref refused);
                }
                else
                {
                    throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new LoadResult(all.Count, refused, clock.Elapsed.TotalSeconds, all);
    }

    private static async Task<LoadResult> MeasureAsync(string postgres, string redis, string transport, bool hostWorkers, Func<HttpClient, Task<LoadResult>> load)
    {
        await using var database = await BenchmarkDatabase.CreateAsync(postgres);
        await using var host = NewHost(database.ConnectionString, redis, transport, hostWorkers);
        using var http = await ClientAsync(host);
        await LoadAsync(http, TimeSpan.FromSeconds(5), int.MaxValue); // warm-up: tiered JIT, connection pools
        return await load(http);
    }

    /// <summary>A null <paramref name="model"/> turns embeddings off.</summary>
    private static async Task<EndToEnd> MeasureEndToEndAsync(string postgres, string redis, string transport, string? model, int messages)
    {
        await using var database = await BenchmarkDatabase.CreateAsync(postgres);
        await using var host = NewHost(database.ConnectionString, redis, transport, hostWorkers: true, model);
        using var http = await ClientAsync(host);
        // Warm-up through the whole pipeline: the consumers' code is compiled again by the tiered JIT over its first
        // thousand messages or so (a profile of a 64-message warm-up found the JIT at an eighth of the measured CPU).
        await LoadAsync(http, TimeSpan.FromHours(1), WarmUpMessages);
        await WaitForAllAsync(host, WarmUpMessages);

        var clock = Stopwatch.StartNew();
        var accepted = await LoadAsync(http, TimeSpan.FromHours(1), messages);
        var acceptSeconds = clock.Elapsed.TotalSeconds;
        await WaitForAllAsync(host, WarmUpMessages + accepted.Count);
        var totalSeconds = clock.Elapsed.TotalSeconds;

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        var spans = await db.IngestionOperations.AsNoTracking().OrderBy(o => o.Id).Skip(WarmUpMessages)
            .Select(o => new { o.CreatedAt, o.CompletedAt }).ToListAsync();
        var latencies = spans.Select(s => (s.CompletedAt!.Value - s.CreatedAt).TotalMilliseconds).Order().ToList();
        return new EndToEnd(accepted.Count, acceptSeconds, totalSeconds, latencies);
    }

    private static BenchmarkHost NewHost(string database, string redis, string transport, bool hostWorkers, string? model = LocalEmbeddingGenerator.DefaultModelId) => new(database, new Dictionary<string, string>
    {
        ["Mirix:Embeddings:Provider"] = model is null ? "none" : "local",
        ["Mirix:Embeddings:Model"] = model ?? LocalEmbeddingGenerator.DefaultModelId,
        ["ConnectionStrings:redis"] = redis,
        ["Mirix:Ingestion:Transport"] = transport,
        ["Mirix:Ingestion:StreamPrefix"] = "bench:" + Guid.NewGuid().ToString("N")[..8],
        ["Mirix:Ingestion:Capacity"] = "1000000", // the accept run has no consumers: nothing may be refused for lack of room
        ["Mirix:Workers:Enabled"] = hostWorkers ? "true" : "false",
    });

    private static async Task<HttpClient> ClientAsync(BenchmarkHost host)
    {
        var address = host.ListenOnLoopback();
        using var inProcess = await host.CreateClientWithKeyAsync("bench");
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-API-Key", inProcess.DefaultRequestHeaders.GetValues("X-API-Key").Single());
        return http;
    }

    private static async Task WaitForAllAsync(BenchmarkHost host, int expected)
    {
        while (true)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            var done = await db.IngestionOperations.CountAsync(o => o.Status == OperationStatus.Succeeded);
            if (done >= expected)
            {
                return;
            }
            await Task.Delay(50);
        }
    }

    private static async Task<string> DescribePostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<string> ShowAsync(string setting)
        {
            await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
            return (string)(await command.ExecuteScalarAsync())!;
        }
        return $"{connection.PostgreSqlVersion}, fsync={await ShowAsync("fsync")}, synchronous_commit={await ShowAsync("synchronous_commit")}";
    }
}
