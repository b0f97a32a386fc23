using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Retrieval.Vector;

namespace Mirix.Benchmarks;

/// <summary>
/// How well the one-bit codes of the in-process vector index pick candidates on real embeddings: LoCoMo turns, and runs
/// of two and three consecutive turns (distinct texts), embedded with the local model; LoCoMo questions as queries.
/// Recall@k of the codes' best <see cref="VectorSetCache.Candidates"/> rescored exactly, against the exact float scan, with
/// codes taken around the set's centroid (as the index does) and around zero, and the bytes each vector takes. It also
/// times the model (batch throughput, one query at a time) and the process's memory with the model loaded, for the choice
/// of the default local model.
/// </summary>
internal static class VectorCodesBenchmark
{
    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var root = RepositoryPaths.Root();
        var model = arguments.Option("model", Mirix.Core.Retrieval.LocalEmbeddingGenerator.DefaultModelId);
        var outPath = arguments.Option("out", Path.Combine(root, "docs", "benchmarks", $"vector-codes-{model}.md"));
        var samples = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(root, "..", "shared", "data", "locomo", "locomo-dev.json")))!.AsArray();
        var turns = new List<string>();
        var questions = new List<string>();
        foreach (var sample in samples)
        {
            var conversation = sample!["conversation"]!.AsObject();
            var mine = new List<string>();
            for (var session = 1; conversation[$"session_{session}"] is JsonArray sessionTurns; session++)
            {
                mine.AddRange(sessionTurns.Select(t => $"{t!["speaker"]!.GetValue<string>()}: {t["text"]!.GetValue<string>()}"));
            }
            for (var span = 1; span <= 3; span++)
            {
                for (var i = 0; i + span <= mine.Count; i++)
                {
                    turns.Add(string.Join('\n', mine.Skip(i).Take(span)));
                }
            }
            questions.AddRange(sample["qa"]!.AsArray().Select(q => q!["question"]!.GetValue<string>()));
        }

        await using var host = new BenchmarkHost(null, new Dictionary<string, string> { ["Mirix:Embeddings:Model"] = model, ["Mirix:Workers:Enabled"] = "false" });
        using var _ = host.CreateClient();
        var generator = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var clock = Stopwatch.StartNew();
        var vectors = (await generator.GenerateAsync(turns)).Select(e => e.Vector.ToArray()).ToList();
        var batchSeconds = clock.Elapsed.TotalSeconds;
        var queries = new List<float[]>();
        var queryLatencies = new List<double>();
        foreach (var question in questions)
        {
            var started = Stopwatch.GetTimestamp();
            queries.Add((await generator.GenerateAsync([question]))[0].Vector.ToArray());
            queryLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        queryLatencies.Sort();
        using var process = Process.GetCurrentProcess();
        var residentMb = process.WorkingSet64 / (1024.0 * 1024);
        Console.WriteLine($"embedded {vectors.Count} texts in {batchSeconds:F0} s and {queries.Count} questions one by one; RSS {residentMb:F0} MB");
        var dimensions = vectors[0].Length;

        var centroid = new float[dimensions];
        foreach (var v in vectors)
        {
            TensorPrimitives.Add(centroid, v, centroid);
        }
        TensorPrimitives.Divide(centroid, vectors.Count, centroid);

        var report = new StringBuilder();
        report.AppendLine("# One-bit vector codes: candidate recall on real embeddings").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {await BenchmarkHost.DescribeAsync(root)}  ");
        report.AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  ");
        report.AppendLine(CultureInfo.InvariantCulture, $"Data: {vectors.Count:N0} distinct texts (LoCoMo dev turns, and runs of two and three consecutive turns) embedded with {model} ({dimensions} dimensions); the {queries.Count} LoCoMo questions as queries.  ");
        report.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- vector-codes --model {model}`").AppendLine();
        report.AppendLine("| Model | Texts embedded in batches, per second | One question: p50 ms | p95 ms | Process RSS with the model loaded |").AppendLine("|---|---|---|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {model} | {vectors.Count / batchSeconds:F0} | {queryLatencies[queryLatencies.Count / 2]:F1} | {queryLatencies[(int)(queryLatencies.Count * 0.95)]:F1} | {residentMb:F0} MB |").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Each vector takes {BinaryCodes.BytesFor(dimensions)} bytes of code and a 4-byte factor ({BinaryCodes.BytesFor(dimensions) + 4} bytes) instead of {dimensions * 4} bytes of floats. Recall@k: the share of the exact scan's k nearest that the codes' best candidates, rescored with the exact vectors, return.").AppendLine();
        report.AppendLine("| k | Candidates rescored | Recall@k, codes around the centroid | Recall@k, codes around zero |").AppendLine("|---|---|---|---|");
        foreach (var k in new[] { 10, 50, 300 })
        {
            var candidates = VectorSetCache.Candidates(k);
            var centred = Recall(vectors, queries, centroid, k, candidates);
            var plain = Recall(vectors, queries, new float[dimensions], k, candidates);
            Console.WriteLine($"k={k} candidates={candidates}: centred {centred:F4}, around zero {plain:F4}");
            report.AppendLine(CultureInfo.InvariantCulture, $"| {k} | {candidates} | {centred:F4} | {plain:F4} |");
        }
        await File.WriteAllTextAsync(outPath, report.ToString());
        Console.WriteLine($"written to {outPath}");
    }

    private static double Recall(List<float[]> vectors, List<float[]> queries, float[] centroid, int k, int candidates)
    {
        var bytes = BinaryCodes.BytesFor(centroid.Length);
        var codes = new byte[vectors.Count * bytes];
        var factors = new float[vectors.Count];
        for (var i = 0; i < vectors.Count; i++)
        {
            factors[i] = BinaryCodes.Encode(vectors[i], centroid, codes.AsSpan(i * bytes, bytes));
        }
        var found = 0;
        foreach (var query in queries)
        {
            var exact = Enumerable.Range(0, vectors.Count).OrderByDescending(i => TensorPrimitives.Dot(query, vectors[i])).Take(k).ToHashSet();
            var coded = new BinaryCodes.Query(query);
            var best = Enumerable.Range(0, vectors.Count).OrderByDescending(i => coded.Estimate(codes.AsSpan(i * bytes, bytes), factors[i])).Take(candidates);
            var rescored = best.OrderByDescending(i => TensorPrimitives.Dot(query, vectors[i])).Take(k);
            found += rescored.Count(exact.Contains);
        }
        return found / (double)(queries.Count * k);
    }
}
