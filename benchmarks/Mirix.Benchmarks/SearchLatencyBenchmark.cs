using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Domain;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;

namespace Mirix.Benchmarks;

/// <summary>
/// Search latency at scale: one user with N raw memories (LoCoMo turns, embedded with the local model) among other users'
/// memories on PostgreSQL, LoCoMo questions through <c>GET /memory/search?memory_type=raw</c> over real HTTP, p50/p95/p99
/// per method at concurrency 1 and 32. Each cell runs until its query budget or 30 s, whichever comes first. Each distinct
/// turn is embedded once and its vector reused for its repetitions, so seeding a million rows takes minutes, not hours.
/// </summary>
internal static class SearchLatencyBenchmark
{
    private static readonly string[] Methods = ["bm25", "embedding", "hybrid"];
    private static readonly int[] Concurrencies = [1, 32];
    private static readonly TimeSpan CellBudget = TimeSpan.FromSeconds(30);
    private const string UserId = "bench-user";
    private const int WarmUpQueries = 30;

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var postgres = arguments.Option("postgres") ?? Environment.GetEnvironmentVariable("MIRIX_TEST_POSTGRES")
            ?? throw new InvalidOperationException("search-latency needs --postgres (a server where it may create a database) or MIRIX_TEST_POSTGRES.");
        var sizes = arguments.Option("sizes", "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var others = int.Parse(arguments.Option("others", "0"), CultureInfo.InvariantCulture);
        const int otherUsers = 9;
        var queryBudget = int.Parse(arguments.Option("queries", "60"), CultureInfo.InvariantCulture);
        var root = RepositoryPaths.Root();
        var outPath = arguments.Option("out", Path.Combine(root, "docs", "benchmarks", "search-latency.md"));
        var (turns, questions) = await LoadLocomoAsync(Path.Combine(root, "..", "shared", "data", "locomo", "locomo-dev.json"));

        var report = new StringBuilder();
        report.AppendLine("# Search latency at scale").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {await BenchmarkHost.DescribeAsync(root)}  ");
        report.AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  ");
        report.AppendLine("Storage: PostgreSQL 15 without pgvector (Debian's), so vectors are scanned in process from the cached vector set; full text through the GIN-indexed `search_vector`; local all-MiniLM-L6-v2 for queries.  ");
        report.AppendLine(CultureInfo.InvariantCulture, $"Data: one user with N raw memories (LoCoMo turns, repeated with a counter) plus {others:N0} memories of {otherUsers} other users; LoCoMo questions as queries, `limit=10`, over HTTP/1.1 on loopback. Each method first runs {WarmUpQueries} discarded queries; each cell stops after {queryBudget} queries or {CellBudget.TotalSeconds:F0} s.").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- search-latency --postgres <conn> --sizes {string.Join(',', sizes)} --others {others}`").AppendLine();
        report.AppendLine("| Memories | Method | Concurrency | Queries | Queries/s | p50 ms | p95 ms | p99 ms |").AppendLine("|---|---|---|---|---|---|---|---|");

        foreach (var size in sizes)
        {
            // --keep true seeds a named database once and reuses it in later runs (seeding a million rows takes minutes).
            await using var database = arguments.Option("keep") == "true"
                ? await BenchmarkDatabase.OpenOrCreateKeptAsync(postgres, $"mirix_bench_latency_{size}_{others}")
                : await BenchmarkDatabase.CreateAsync(postgres);
            await using var host = new BenchmarkHost(database.ConnectionString, new Dictionary<string, string> { ["Mirix:Workers:Enabled"] = "false" });
            var address = host.ListenOnLoopback();
            using var keyed = await host.CreateClientWithKeyAsync("bench");
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Add("X-API-Key", keyed.DefaultRequestHeaders.GetValues("X-API-Key").Single());
            if (!database.Existed)
            {
                await SeedAllAsync(host, http, turns, UserId, size, others, otherUsers);
            }

            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<MirixDbContext>().Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            }

            foreach (var method in Methods)
            {
                // Discarded: the JIT's first tiers and the first load of the user's vector set are not what a warm server costs.
                await MeasureAsync(http, method, 1, questions, WarmUpQueries);
                foreach (var concurrency in Concurrencies)
                {
                    var (latencies, seconds) = await MeasureAsync(http, method, concurrency, questions, queryBudget);
                    Console.WriteLine($"{size} {method} c={concurrency}: p50 {P(latencies, 0.5):F1} ms, p95 {P(latencies, 0.95):F1} ms ({latencies.Count} queries)");
                    report.AppendLine(CultureInfo.InvariantCulture,
                        $"| {size:N0} | {method} | {concurrency} | {latencies.Count} | {latencies.Count / seconds:F1} | {P(latencies, 0.50):F1} | {P(latencies, 0.95):F1} | {P(latencies, 0.99):F1} |");
                }
            }
        }
        report.AppendLine().AppendLine("Goal (issue 4): hybrid p95 under 25 ms at concurrency 1 on this machine. docs/benchmarks/README.md has what each step changed and what is left.");
        await File.WriteAllTextAsync(outPath, report.ToString());
        Console.WriteLine($"written to {outPath}");
    }

    private static async Task SeedAllAsync(BenchmarkHost host, HttpClient http, List<string> turns, string userId, int size, int others, int otherUsers)
    {
        var seeding = Stopwatch.StartNew();
        var vectors = await EmbedOnceAsync(host, turns);
        Console.WriteLine($"embedded {turns.Count} distinct turns in {seeding.Elapsed.TotalSeconds:F0} s");
        for (var u = 0; u < otherUsers && others > 0; u++)
        {
            (await http.PostAsJsonAsync("/users/create_or_get", new { user_id = $"other-{u}" })).EnsureSuccessStatusCode();
            await SeedAsync(host, turns, vectors, $"other-{u}", others / otherUsers);
        }
        (await http.PostAsJsonAsync("/users/create_or_get", new { user_id = userId })).EnsureSuccessStatusCode();
        await SeedAsync(host, turns, vectors, userId, size);
        Console.WriteLine($"seeded {size + others} memories in {seeding.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task<List<byte[]>> EmbedOnceAsync(BenchmarkHost host, List<string> turns)
    {
        var generator = host.Services.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>();
        var embeddings = await generator.GenerateAsync(turns);
        return embeddings.Select(e => MemoryIndexer.ToBytes(e.Vector.Span)).ToList();
    }

    private static async Task SeedAsync(BenchmarkHost host, List<string> turns, List<byte[]> vectors, string userId, int size)
    {
        string organizationId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            organizationId = await scope.ServiceProvider.GetRequiredService<MirixDbContext>().Clients.Where(c => c.Id == "client-bench").Select(c => c.OrganizationId).SingleAsync();
        }
        const int batch = 2000;
        for (var start = 0; start < size; start += batch)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var i in Enumerable.Range(start, Math.Min(batch, size - start)))
            {
                var memory = new RawMemory
                {
                    Id = IdGenerator.Memory(RawMemory.IdPrefix),
                    OrganizationId = organizationId,
                    UserId = userId,
                    ClientId = "client-bench",
                    Scope = "bench",
                    FilterTags = """{"scope":"bench"}""",
                    Context = $"{turns[i % turns.Count]} (#{i / turns.Count})",
                    OccurredAt = new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i),
                };
                db.RawMemories.Add(memory);
                db.MemoryEmbeddings.Add(new MemoryEmbedding
                {
                    MemoryId = memory.Id, Field = "context", Model = LocalEmbeddingGenerator.ModelId, OrganizationId = organizationId,
                    UserId = userId, MemoryType = "raw", Dimensions = LocalEmbeddingGenerator.Dimensions, Vector = vectors[i % turns.Count],
                });
            }
            await db.SaveChangesAsync();
        }
    }

    private static async Task<(List<double> Latencies, double Seconds)> MeasureAsync(
        HttpClient http, string method, int concurrency, List<string> questions, int budget)
    {
        var latencies = new List<double>[concurrency];
        var issued = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            int n;
            while (clock.Elapsed < CellBudget && (n = Interlocked.Increment(ref issued)) <= budget)
            {
                var query = Uri.EscapeDataString(questions[n % questions.Count]);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(new Uri($"/memory/search?user_id={UserId}&memory_type=raw&search_method={method}&limit=10&query={query}", UriKind.Relative));
                response.EnsureSuccessStatusCode();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return (latencies.SelectMany(l => l).Order().ToList(), clock.Elapsed.TotalSeconds);
    }

    private static double P(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];

    private static async Task<(List<string> Turns, List<string> Questions)> LoadLocomoAsync(string path)
    {
        var samples = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsArray();
        var turns = new List<string>();
        var questions = new List<string>();
        foreach (var sample in samples)
        {
            var conversation = sample!["conversation"]!.AsObject();
            for (var session = 1; conversation[$"session_{session}"] is JsonArray sessionTurns; session++)
            {
                turns.AddRange(sessionTurns.Select(t => $"{t!["speaker"]!.GetValue<string>()}: {t["text"]!.GetValue<string>()}"));
            }
            questions.AddRange(sample["qa"]!.AsArray().Select(q => q!["question"]!.GetValue<string>()));
        }
        return (turns, questions);
    }
}
