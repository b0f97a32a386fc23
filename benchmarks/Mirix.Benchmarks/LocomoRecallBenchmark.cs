using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Retrieval;

namespace Mirix.Benchmarks;

/// <summary>
/// LLM-free retrieval quality on LoCoMo (shared/data/locomo/README.md): every turn of a conversation is stored as a raw
/// memory of one user through <c>POST /memory/raw</c>; every question of categories 1-4 is asked through
/// <c>GET /memory/search?memory_type=raw</c>; recall@k is the share of a question's evidence turns among the top k.
/// </summary>
internal static class LocomoRecallBenchmark
{
    private static readonly string[] Methods = ["bm25", "embedding", "hybrid"];
    private static readonly int[] Ks = [5, 10, 20];
    private static readonly Dictionary<int, string> Categories = new() { [1] = "multi-hop", [2] = "temporal", [3] = "open-domain", [4] = "single-hop" };

    private sealed record Question(string UserId, string Text, int Category, HashSet<string> Evidence);

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var root = RepositoryPaths.Root();
        var dataPath = arguments.Option("data", Path.Combine(root, "..", "shared", "data", "locomo", "locomo-dev.json"));
        var outPath = arguments.Option("out", Path.Combine(root, "docs", "benchmarks", "locomo.md"));
        var samples = JsonNode.Parse(await File.ReadAllTextAsync(dataPath))!.AsArray();

        var model = arguments.Option("model", LocalEmbeddingGenerator.DefaultModelId);
        await using var database = arguments.Option("postgres") is { } postgres ? await BenchmarkDatabase.CreateAsync(postgres) : null;
        await using var host = new BenchmarkHost(database?.ConnectionString, arguments.Option("log-sql") == "true"
            ? new Dictionary<string, string> { ["Mirix:Embeddings:Model"] = model, ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" }
            : new Dictionary<string, string> { ["Mirix:Embeddings:Model"] = model });
        using var http = await host.CreateClientWithKeyAsync("locomo");

        var ingest = Stopwatch.StartNew();
        var diaOfMemory = new Dictionary<string, string>();
        var questions = new List<Question>();
        var turns = 0;
        foreach (var sample in samples)
        {
            var userId = sample!["sample_id"]!.GetValue<string>();
            (await http.PostAsJsonAsync("/users/create_or_get", new { user_id = userId })).EnsureSuccessStatusCode();
            var conversation = sample["conversation"]!.AsObject();
            for (var session = 1; conversation[$"session_{session}"] is JsonArray sessionTurns; session++)
            {
                var date = ParseSessionDate(conversation[$"session_{session}_date_time"]!.GetValue<string>());
                foreach (var turn in sessionTurns)
                {
                    var dia = turn!["dia_id"]!.GetValue<string>();
                    var body = new
                    {
                        context = $"{turn["speaker"]!.GetValue<string>()}: {turn["text"]!.GetValue<string>()}",
                        occurred_at = date.ToString("O", CultureInfo.InvariantCulture),
                        filter_tags = new { dia_id = dia, session },
                    };
                    using var response = await http.PostAsJsonAsync($"/memory/raw?user_id={userId}", body);
                    response.EnsureSuccessStatusCode();
                    var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["memory"]!["id"]!.GetValue<string>();
                    diaOfMemory[id] = dia;
                    turns++;
                }
            }
            foreach (var qa in sample["qa"]!.AsArray())
            {
                var category = qa!["category"]!.GetValue<int>();
                var evidence = (qa["evidence"] as JsonArray)?.Select(e => e!.GetValue<string>()).ToHashSet() ?? [];
                if (Categories.ContainsKey(category) && evidence.Count > 0)
                {
                    questions.Add(new Question(userId, qa["question"]!.GetValue<string>(), category, evidence));
                }
            }
        }
        ingest.Stop();
        Console.WriteLine($"stored {turns} turns of {samples.Count} conversations in {ingest.Elapsed.TotalSeconds:F1} s; {questions.Count} questions");
        if (arguments.Option("postgres") is not null)
        {
            // Statistics as autovacuum would soon make them: full-text search reads them (common words), so do not race it.
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Mirix.Core.Storage.MirixDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
        }

        var recall = new Dictionary<(string Method, int Category, int K), List<double>>();
        var latencies = Methods.ToDictionary(m => m, _ => new List<double>());
        // --concurrency N asks N questions at a time: concurrent questions are embedded together, and recall should not move.
        var concurrency = int.Parse(arguments.Option("concurrency", "1"), CultureInfo.InvariantCulture);
        foreach (var method in Methods)
        {
            var answers = new (List<string> Ranked, double Milliseconds)[questions.Count];
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                for (int i; (i = Interlocked.Increment(ref next)) < questions.Count;)
                {
                    var clock = Stopwatch.StartNew();
                    var url = $"/memory/search?user_id={questions[i].UserId}&memory_type=raw&search_method={method}&limit=20&query={Uri.EscapeDataString(questions[i].Text)}";
                    var results = (await http.GetFromJsonAsync<JsonObject>(url))!["results"]!.AsArray();
                    answers[i] = (results.Select(r => diaOfMemory[r!["id"]!.GetValue<string>()]).ToList(), clock.Elapsed.TotalMilliseconds);
                }
            }));
            foreach (var (question, (ranked, milliseconds)) in questions.Zip(answers))
            {
                latencies[method].Add(milliseconds);
                foreach (var k in Ks)
                {
                    var found = ranked.Take(k).Count(question.Evidence.Contains);
                    var share = (double)found / question.Evidence.Count;
                    foreach (var category in new[] { question.Category, 0 })
                    {
                        recall.TryAdd((method, category, k), []);
                        recall[(method, category, k)].Add(share);
                    }
                }
            }
            Console.WriteLine($"{method}: recall@10 {recall[(method, 0, 10)].Average():F3}");
        }

        var report = Report(await BenchmarkHost.DescribeAsync(root), host.Storage, model, turns, samples.Count, questions, ingest.Elapsed, recall, latencies, concurrency);
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await File.WriteAllTextAsync(outPath, report);
        Console.WriteLine(report);
        Console.WriteLine($"written to {outPath}");
    }

    /// <summary>"1:56 pm on 8 May, 2023" → UTC.</summary>
    internal static DateTime ParseSessionDate(string text) =>
        DateTime.SpecifyKind(DateTime.ParseExact(text.Replace(" on ", " ", StringComparison.Ordinal), "h:mm tt d MMMM, yyyy",
            CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static string Report(
        string machine, string storage, string model, int turns, int conversations, List<Question> questions, TimeSpan ingest,
        Dictionary<(string Method, int Category, int K), List<double>> recall, Dictionary<string, List<double>> latencies, int concurrency)
    {
        var text = new StringBuilder();
        text.AppendLine("# LoCoMo retrieval recall (no LLM)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- locomo{(storage.StartsWith("PostgreSQL", StringComparison.Ordinal) ? " --postgres <conn>" : "")}{(model == LocalEmbeddingGenerator.DefaultModelId ? "" : " --model " + model)}{(concurrency == 1 ? "" : $" --concurrency {concurrency}")}` (reads `../shared/data/locomo/locomo-dev.json`).");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine}. Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Configuration: Mirix.Api in process over HTTP, storage {storage}, embeddings {model} ({LocalEmbeddingGenerator.Dimensions} d), full text BM25 over each user's own memories (the in-process term index: FTS5's formula and tokens, porter stemming), query stop words removed; hybrid = min-max normalised full text + {MemorySearch.EmbeddingWeight} × embedding over the best {MemorySearch.FusionPool} of each, neighbour context {MemorySearch.NeighbourWeight} within {MemorySearch.NeighbourWindow}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Data: {conversations} conversations, {turns} turns stored as raw memories (`context` = \"<speaker>: <text>\", `occurred_at` = session date, `filter_tags` = dia_id and session), {questions.Count} questions of categories 1-4, ingested in {ingest.TotalSeconds:F1} s ({turns / ingest.TotalSeconds:F0} writes/s, each embedded before it returns).");
        text.AppendLine();
        text.AppendLine("Reference points on this split (shared/data/locomo/README.md): plain BM25 recall@10 0.576 (0.596 with the session date in the text); goal for hybrid: 0.75.");
        text.AppendLine();
        text.AppendLine("| method | recall@5 | recall@10 | recall@20 | " + string.Join(" | ", Categories.Values.Select(c => c + " @10")) + " | p50 ms | p95 ms |");
        text.AppendLine("|---|---|---|---|" + string.Concat(Categories.Select(_ => "---|")) + "---|---|");
        foreach (var method in Methods)
        {
            var sorted = latencies[method].Order().ToList();
            text.Append(CultureInfo.InvariantCulture, $"| {method} | ");
            text.Append(string.Join(" | ", Ks.Select(k => recall[(method, 0, k)].Average().ToString("F3", CultureInfo.InvariantCulture))));
            text.Append(" | ");
            text.Append(string.Join(" | ", Categories.Keys.Select(c => recall[(method, c, 10)].Average().ToString("F3", CultureInfo.InvariantCulture))));
            text.AppendLine(CultureInfo.InvariantCulture, $" | {Percentile(sorted, 0.50):F1} | {Percentile(sorted, 0.95):F1} |");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Hybrid vs bm25 at recall@10: {recall[("hybrid", 0, 10)].Average() / recall[("bm25", 0, 10)].Average():F2}×; hybrid vs embedding: {recall[("hybrid", 0, 10)].Average() / recall[("embedding", 0, 10)].Average():F2}×.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Latency is per `GET /memory/search` through the in-process HTTP pipeline, concurrency {concurrency}, about 600 turns per user.");
        return text.ToString();
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
}
