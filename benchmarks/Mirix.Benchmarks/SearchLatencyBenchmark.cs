using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Domain;
using Mirix.Core.Retrieval;
using Mirix.Core.Retrieval.FullText;
using Mirix.Core.Retrieval.Vector;
using Mirix.Core.Storage;

namespace Mirix.Benchmarks;

/// <summary>
/// Search latency at scale: users with N raw memories each (LoCoMo turns, embedded with the local model) among a fixed
/// total of memories, on PostgreSQL or SQLite; LoCoMo questions through <c>GET /memory/search?memory_type=raw</c> over
/// real HTTP, p50/p95/p99 per method at concurrency 1 and 32, and the vector cache's bytes per user. Each cell runs until
/// its query budget or 30 s, whichever comes first. Each distinct turn is embedded once and its vector reused for its
/// repetitions, so seeding a million rows takes minutes, not hours. Results go to <c>search-latency-{storage}.md</c> and
/// <c>.tsv</c>; the plot of p95 against N is drawn from every storage's <c>.tsv</c> present.
/// </summary>
internal static class SearchLatencyBenchmark
{
    private static readonly int[] Concurrencies = [1, 32];
    private static readonly TimeSpan CellBudget = TimeSpan.FromSeconds(30);
    /// <summary>
    /// A warm-up round runs each measured concurrency with at least <see cref="WarmUpQueries"/> queries and
    /// <see cref="WarmUpQueriesPerWorker"/> per worker: enough at 32 for tiered compilation to promote what concurrent
    /// searches run. Warmed at 1 and 8 alone, the first cell at 32 still compiled 1,000 methods in 1.6 s of CPU.
    /// </summary>
    private const int WarmUpQueries = 30;
    private const int WarmUpQueriesPerWorker = 8;

    /// <summary>
    /// Queries per cell: 900 of LoCoMo's 999 questions, so each cell's questions are all new to it, and a cell at
    /// concurrency 32 lasts seconds, not the fraction of one that a pause of the machine can fill.
    /// </summary>
    private const int DefaultQueries = 900;
    private const int QuietJitMethods = 5;
    private static readonly TimeSpan WarmUpBudget = TimeSpan.FromSeconds(90);
    private const int OtherUsers = 9;

    private sealed record Cell(string Storage, int Memories, string Method, int Concurrency, int Queries, double QueriesPerSecond, double P50, double P95, double P99)
    {
        /// <summary>Milliseconds per query in each search stage (empty when read back from a results file).</summary>
        public Dictionary<string, double> Stages { get; init; } = [];

        /// <summary>The process's CPU milliseconds per query through the cell: server and load generator together.</summary>
        public double CpuMilliseconds { get; init; }
    }

    /// <summary>The stages in the order a search runs them.</summary>
    private static readonly string[] StageOrder =
    [
        SearchStages.QueryEmbedding, SearchStages.VectorSet, SearchStages.VectorScan, SearchStages.VectorRescore, SearchStages.VectorIndex,
        SearchStages.FullText, SearchStages.Rows,
    ];

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        if (arguments.Option("plot-only") == "true")
        {
            await PlotAsync(arguments.Option("out", Path.Combine(RepositoryPaths.Root(), "docs", "benchmarks")));
            return;
        }
        var storage = arguments.Option("storage", "postgres");
        var postgres = storage == "postgres"
            ? arguments.Option("postgres") ?? Environment.GetEnvironmentVariable("MIRIX_TEST_POSTGRES")
                ?? throw new InvalidOperationException("search-latency on PostgreSQL needs --postgres (a server where it may create a database) or MIRIX_TEST_POSTGRES.")
            : null;
        var sizes = arguments.Option("sizes", "10000,30000,100000,300000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var total = int.Parse(arguments.Option("total", "1000000"), CultureInfo.InvariantCulture);
        var others = Math.Max(0, total - sizes.Sum());
        var queryBudget = arguments.Option("queries") is { } queries ? int.Parse(queries, CultureInfo.InvariantCulture) : DefaultQueries;
        var keep = arguments.Option("keep") == "true";
        var methods = arguments.Option("methods", "bm25,embedding,hybrid").Split(',');
        var model = arguments.Option("model", LocalEmbeddingGenerator.DefaultModelId);
        var root = RepositoryPaths.Root();
        var outDirectory = Directory.CreateDirectory(arguments.Option("out", Path.Combine(root, "docs", "benchmarks"))).FullName;
        var (turns, questions) = await LoadLocomoAsync(Path.Combine(root, "..", "shared", "data", "locomo", "locomo-dev.json"));

        // --keep true seeds a named database (or data folder) once and reuses it in later runs.
        // The float MiniLM's databases keep their names from before the model was part of them. Other models add a short
        // hash of their name: PostgreSQL cuts database names at 63 bytes, which the model's whole name went past.
        var tag = $"{string.Join('_', sizes)}_{total}" + (model == LocalEmbeddingGenerator.MiniLmModelId ? ""
            : "_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(model)))[..8]);
        await using var database = postgres is null ? null
            : keep ? await BenchmarkDatabase.OpenOrCreateKeptAsync(postgres, $"mirix_bench_latency_{tag}") : await BenchmarkDatabase.CreateAsync(postgres);
        var keptDirectory = postgres is null && keep ? Path.Combine(Path.GetTempPath(), $"mirix-bench-latency-{tag}") : null;
        var seeded = database?.Existed ?? (keptDirectory is not null && File.Exists(Path.Combine(keptDirectory, StorageOptions.DatabaseFileName)));
        if (keptDirectory is not null)
        {
            Directory.CreateDirectory(keptDirectory);
        }
        var settings = new Dictionary<string, string> { ["Mirix:Workers:Enabled"] = "false", ["Mirix:Embeddings:Model"] = model };
        if (arguments.Option("log-sql") == "true")
        {
            settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }
        await using var host = new BenchmarkHost(database?.ConnectionString, settings, keptDirectory);
        var address = host.ListenOnLoopback();
        using var keyed = await host.CreateClientWithKeyAsync("bench");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-API-Key", keyed.DefaultRequestHeaders.GetValues("X-API-Key").Single());
        if (!seeded)
        {
            await SeedAllAsync(host, http, turns, sizes, others, model);
        }
        string engine;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            await db.Database.ExecuteSqlRawAsync(postgres is null ? "ANALYZE" : "VACUUM ANALYZE");
            engine = (postgres is null ? "SQLite (the embedded default)"
                : "PostgreSQL 15, extensions: " + string.Join(", ", await db.Database.SqlQueryRaw<string>("SELECT extname AS \"Value\" FROM pg_extension ORDER BY 1").ToListAsync()))
                + "; a user's full text ranked by the in-process term index";
        }

        var cells = new List<Cell>();
        var cacheBytes = new List<(int Memories, long Bytes)>();
        var vectorSets = host.Services.GetRequiredService<VectorSetCache>();
        var termBytes = new List<(int Memories, long Bytes)>();
        var termIndexes = host.Services.GetRequiredService<TermIndexCache>();
        var queryEmbeddings = host.Services.GetRequiredService<QueryEmbeddingCache>();
        using var stages = new StageTimes();
        // --measure picks some of the seeded users (the database's name comes from all of --sizes).
        var measured = arguments.Option("measure") is { } only ? only.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() : sizes;
        foreach (var size in measured)
        {
            var user = UserOf(size);
            foreach (var method in methods)
            {
                var (before, termsBefore) = (vectorSets.Bytes, termIndexes.Bytes);
                await WarmUpAsync(http, user, method, questions);
                if (method == "embedding")
                {
                    cacheBytes.Add((size, vectorSets.Bytes - before));
                }
                if (termIndexes.Bytes > termsBefore)
                {
                    termBytes.Add((size, termIndexes.Bytes - termsBefore));
                }
                foreach (var concurrency in Concurrencies)
                {
                    // Each cell asks the same questions: forgotten, they are embedded anew, as a server's new questions are.
                    queryEmbeddings.Clear();
                    stages.Clear();
                    var cpuBefore = Environment.CpuUsage.TotalTime;
                    var jitBefore = (Methods: JitInfo.GetCompiledMethodCount(), Time: JitInfo.GetCompilationTime());
                    var (latencies, seconds) = await MeasureAsync(http, user, method, concurrency, questions, queryBudget);
                    var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
                    var jit = (Methods: JitInfo.GetCompiledMethodCount() - jitBefore.Methods, Time: JitInfo.GetCompilationTime() - jitBefore.Time);
                    var cell = new Cell(storage, size, method, concurrency, latencies.Count, latencies.Count / seconds, P(latencies, 0.5), P(latencies, 0.95), P(latencies, 0.99))
                    {
                        Stages = stages.TakeMillisecondsPerQuery(latencies.Count),
                        CpuMilliseconds = cpu.TotalMilliseconds / latencies.Count,
                    };
                    Console.WriteLine($"{storage} {size} {method} c={concurrency}: p50 {cell.P50:F1} ms, p95 {cell.P95:F1} ms, {cell.QueriesPerSecond:F0} q/s, CPU {cell.CpuMilliseconds:F1} ms/query; {Describe(cell.Stages)}; JIT {jit.Methods} methods in {jit.Time.TotalMilliseconds:F0} ms");
                    cells.Add(cell);
                }
            }
        }
        await WriteReportAsync(root, outDirectory, storage, engine, model, measured, total, queryBudget, cells, cacheBytes, termBytes);
        await File.WriteAllLinesAsync(Path.Combine(outDirectory, $"search-latency-{storage}.tsv"), cells.Select(c => string.Join('\t',
            c.Storage, c.Memories, c.Method, c.Concurrency, c.Queries, c.QueriesPerSecond.ToString("F1", CultureInfo.InvariantCulture),
            c.P50.ToString("F1", CultureInfo.InvariantCulture), c.P95.ToString("F1", CultureInfo.InvariantCulture), c.P99.ToString("F1", CultureInfo.InvariantCulture))));
        await PlotAsync(outDirectory);
    }

    private static string UserOf(int size) => $"bench-{size}";

    private static string Describe(Dictionary<string, double> stages) =>
        string.Join(", ", StageOrder.Where(stages.ContainsKey).Select(s => $"{s} {stages[s]:F1}"));

    private static async Task WriteReportAsync(
        string root, string outDirectory, string storage, string engine, string model, List<int> sizes, int total, int queryBudget, List<Cell> cells, List<(int Memories, long Bytes)> cacheBytes,
        List<(int Memories, long Bytes)> termBytes)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Search latency at scale: {(storage == "postgres" ? "PostgreSQL" : "SQLite")}").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {await BenchmarkHost.DescribeAsync(root)}  ");
        report.AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  ");
        report.AppendLine(CultureInfo.InvariantCulture, $"Storage: {engine}; local {model} for memories and queries.  ");
        report.AppendLine(CultureInfo.InvariantCulture, $"Data: {total:N0} raw memories in all (LoCoMo turns, repeated with a counter): users with {string.Join(", ", sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} memories, the rest spread over {OtherUsers} other users. LoCoMo questions as queries, `limit=10`, over HTTP/1.1 on loopback. Each method first runs discarded rounds of queries at each measured concurrency ({string.Join(" and ", Concurrencies.Select(c => $"{Math.Max(WarmUpQueries, c * WarmUpQueriesPerWorker)} at {c}"))}) until a round JIT-compiles at most {QuietJitMethods} methods (at most {WarmUpBudget.TotalSeconds:F0} s); each cell stops after {queryBudget} queries or {CellBudget.TotalSeconds:F0} s.").AppendLine();
        var command = storage == "postgres" ? "--storage postgres --postgres <conn>" : "--storage sqlite";
        report.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- search-latency {command} --sizes {string.Join(',', sizes)} --total {total} --keep true{(model == LocalEmbeddingGenerator.DefaultModelId ? "" : " --model " + model)}{(queryBudget == DefaultQueries ? "" : $" --queries {queryBudget}")}`").AppendLine();
        report.AppendLine("CPU ms/query is the process's CPU time through the cell over its queries: the server and the load generator, which share the process.").AppendLine();
        report.AppendLine("| Memories of the user | Method | Concurrency | Queries | Queries/s | p50 ms | p95 ms | p99 ms | CPU ms/query |").AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var c in cells)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {c.Memories:N0} | {c.Method} | {c.Concurrency} | {c.Queries} | {c.QueriesPerSecond:F1} | {c.P50:F1} | {c.P95:F1} | {c.P99:F1} | {c.CpuMilliseconds:F1} |");
        }
        report.AppendLine().AppendLine("Where a query's time goes at concurrency 1: mean milliseconds per query in each stage, as the server records them (`mirix.search.stage.duration`). Hybrid runs full text beside the embedding stages, so its stages add up to more than its latency.").AppendLine();
        var stageColumns = StageOrder.Where(s => cells.Any(c => c.Stages.ContainsKey(s))).ToList();
        report.AppendLine("| Memories of the user | Method | " + string.Join(" | ", stageColumns) + " |").AppendLine("|---|---|" + string.Concat(stageColumns.Select(_ => "---|")));
        foreach (var c in cells.Where(c => c.Concurrency == 1))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {c.Memories:N0} | {c.Method} | {string.Join(" | ", stageColumns.Select(s => c.Stages.TryGetValue(s, out var ms) ? ms.ToString("F1", CultureInfo.InvariantCulture) : ""))} |");
        }
        BytesPerUser("Vector cache held for each user's set (the in-process index where pgvector is absent):", "Cache bytes", cacheBytes);
        if (termBytes.Count > 0)
        {
            BytesPerUser("Term index held for each user (the in-process BM25 of a user's full-text searches):", "Index bytes", termBytes);
        }
        report.AppendLine().AppendLine("Goals (issue 15): hybrid p95 at most 25 ms at concurrency 1 for a user with 100,000 of 1,000,000 memories; at least 150 queries/s at concurrency 32. docs/benchmarks/README.md has what each step changed.");
        await File.WriteAllTextAsync(Path.Combine(outDirectory, $"search-latency-{storage}.md"), report.ToString());
        Console.WriteLine($"written to {outDirectory}");

        void BytesPerUser(string title, string column, List<(int Memories, long Bytes)> rows)
        {
            report.AppendLine().AppendLine(title).AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"| Memories of the user | {column} | Per 100,000 memories |").AppendLine("|---|---|---|");
            foreach (var (memories, bytes) in rows)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"| {memories:N0} | {bytes:N0} | {bytes * 100_000.0 / memories / (1 << 20):F1} MB |");
            }
        }
    }

    /// <summary>p95 at concurrency 1 against the user's memory count, one line per storage and method, both axes log-scaled.</summary>
    private static async Task PlotAsync(string outDirectory)
    {
        var cells = new List<Cell>();
        foreach (var file in Directory.GetFiles(outDirectory, "search-latency-*.tsv").Order(StringComparer.Ordinal))
        {
            foreach (var line in await File.ReadAllLinesAsync(file))
            {
                var f = line.Split('\t');
                cells.Add(new Cell(f[0], int.Parse(f[1], CultureInfo.InvariantCulture), f[2], int.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture),
                    double.Parse(f[5], CultureInfo.InvariantCulture), double.Parse(f[6], CultureInfo.InvariantCulture), double.Parse(f[7], CultureInfo.InvariantCulture), double.Parse(f[8], CultureInfo.InvariantCulture)));
            }
        }
        var plot = new ScottPlot.Plot();
        foreach (var line in cells.Where(c => c.Concurrency == 1).GroupBy(c => (c.Storage, c.Method)))
        {
            var points = line.OrderBy(c => c.Memories).ToList();
            var scatter = plot.Add.Scatter(points.Select(c => Math.Log10(c.Memories)).ToArray(), points.Select(c => Math.Log10(c.P95)).ToArray());
            scatter.LegendText = $"{line.Key.Storage} {line.Key.Method}";
            scatter.LinePattern = line.Key.Storage == "sqlite" ? ScottPlot.LinePattern.Dashed : ScottPlot.LinePattern.Solid;
        }
        var goal = plot.Add.HorizontalLine(Math.Log10(25));
        goal.LegendText = "hybrid goal (25 ms)";
        plot.Axes.Bottom.Label.Text = "memories of the user (log scale; 1,000,000 in the database)";
        plot.Axes.Left.Label.Text = "p95 ms at concurrency 1 (log scale)";
        var milliseconds = new[] { 5, 10, 25, 50, 100, 250, 500, 1000, 2500 };
        plot.Axes.Left.SetTicks(milliseconds.Select(m => Math.Log10(m)).ToArray(), milliseconds.Select(m => m.ToString(CultureInfo.InvariantCulture)).ToArray());
        var ticks = new[] { 10_000, 30_000, 100_000, 300_000, 1_000_000 };
        plot.Axes.Bottom.SetTicks(ticks.Select(t => Math.Log10(t)).ToArray(), ticks.Select(t => t >= 1_000_000 ? "1M" : $"{t / 1000}k").ToArray());
        plot.Axes.SetLimitsY(Math.Log10(4), Math.Log10(Math.Max(30, cells.Where(c => c.Concurrency == 1).Select(c => c.P95).DefaultIfEmpty(30).Max() * 1.3)));
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(Path.Combine(outDirectory, "search-latency.png"), 900, 550);
    }

    private static async Task SeedAllAsync(BenchmarkHost host, HttpClient http, List<string> turns, List<int> sizes, int others, string model)
    {
        var seeding = Stopwatch.StartNew();
        var vectors = await EmbedOnceAsync(host, turns);
        Console.WriteLine($"embedded {turns.Count} distinct turns in {seeding.Elapsed.TotalSeconds:F0} s");
        for (var u = 0; u < OtherUsers && others > 0; u++)
        {
            (await http.PostAsJsonAsync("/users/create_or_get", new { user_id = $"other-{u}" })).EnsureSuccessStatusCode();
            await SeedAsync(host, turns, vectors, $"other-{u}", others / OtherUsers, model);
        }
        foreach (var size in sizes)
        {
            (await http.PostAsJsonAsync("/users/create_or_get", new { user_id = UserOf(size) })).EnsureSuccessStatusCode();
            await SeedAsync(host, turns, vectors, UserOf(size), size, model);
        }
        Console.WriteLine($"seeded {sizes.Sum() + others} memories in {seeding.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task<List<byte[]>> EmbedOnceAsync(BenchmarkHost host, List<string> turns)
    {
        var generator = host.Services.GetRequiredService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>();
        var embeddings = await generator.GenerateAsync(turns);
        return embeddings.Select(e => MemoryIndexer.ToBytes(e.Vector.Span)).ToList();
    }

    private static async Task SeedAsync(BenchmarkHost host, List<string> turns, List<byte[]> vectors, string userId, int size, string model)
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
                    MemoryId = memory.Id, Field = "context", Model = model, OrganizationId = organizationId,
                    UserId = userId, MemoryType = "raw", Dimensions = LocalEmbeddingGenerator.Dimensions, Vector = vectors[i % turns.Count],
                });
            }
            await db.SaveChangesAsync();
        }
    }

    /// <summary>
    /// Discarded queries until the JIT has done its work: the first tiers, the background recompilation of hot methods and
    /// the first load of the user's vector set are not what a warm server costs. The background compiler took a fifth of
    /// the CPU through the first 25 s of queries; a batch that compiles almost nothing new ends the warm-up.
    /// </summary>
    private static async Task WarmUpAsync(HttpClient http, string user, string method, List<string> questions)
    {
        var clock = Stopwatch.StartNew();
        long compiled;
        do
        {
            compiled = JitInfo.GetCompiledMethodCount();
            foreach (var concurrency in Concurrencies)
            {
                await MeasureAsync(http, user, method, concurrency, questions, Math.Max(WarmUpQueries, concurrency * WarmUpQueriesPerWorker));
            }
        }
        while (JitInfo.GetCompiledMethodCount() - compiled > QuietJitMethods && clock.Elapsed < WarmUpBudget);
        Console.WriteLine($"{method}: warmed up in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task<(List<double> Latencies, double Seconds)> MeasureAsync(
        HttpClient http, string userId, string method, int concurrency, List<string> questions, int budget)
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
                using var response = await http.GetAsync(new Uri($"/memory/search?user_id={userId}&memory_type=raw&search_method={method}&limit=10&query={query}", UriKind.Relative));
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
