using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Mirix.ScriptedLlm;

namespace Mirix.Benchmarks;

/// <summary>
/// The agents' write path against the scripted model server with a fixed latency L per call: LLM calls, tokens and wall
/// time per add by the number of memory types it routes to (MIRIX spends k+3 calls and about (k+3)·L), then the
/// throughput of 100 users adding at once with L = 1 s (bounded by the LLM concurrency limit, with the thread pool flat),
/// and the CPU an add costs outside the model. Embedded default: SQLite, in-process queue, local MiniLM embeddings.
/// </summary>
internal static class AgentsBenchmark
{
    /// <summary>Contents the scripted model routes to 1…6 memory types.</summary>
    private static readonly string[] Contents =
    [
        "We had a meeting about the garden budget today.",
        "My sister Ana's birthday is on 3 May.",
        "My sister Ana's birthday is on 3 May. Her phone is 555 123 4567.",
        "I am her older brother. My sister Ana's birthday is on 3 May. Her phone is 555 123 4567.",
        "I am her older brother. My sister Ana's birthday is on 3 May. Her phone is 555 123 4567. To call her, dial the code then wait.",
        "I am her older brother. My sister Ana's birthday is on 3 May. Her phone is 555 123 4567. To call her, dial the code then wait. The document is at http://example.org/ana.",
    ];

    private static readonly string[] Names = ["Ana", "Bruno", "Carla", "Diego", "Elena", "Filipe", "Gita", "Hugo", "Ines", "Joao"];

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var latency = TimeSpan.FromMilliseconds(double.Parse(arguments.Option("latency-ms", "250"), CultureInfo.InvariantCulture));
        var users = int.Parse(arguments.Option("users", "100"), CultureInfo.InvariantCulture);
        var limit = int.Parse(arguments.Option("llm-concurrency", "16"), CultureInfo.InvariantCulture);
        var root = RepositoryPaths.Root();
        var outPath = arguments.Option("out", Path.Combine(root, "docs", "benchmarks", "agents.md"));
        await using var llm = await ScriptedLlmServer.StartAsync();

        var report = new StringBuilder();
        report.AppendLine("# Memory agents: LLM calls, wall time and throughput per add").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {await BenchmarkHost.DescribeAsync(root)}  ").AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  ");
        report.AppendLine("Server: the embedded default (SQLite, in-process queue, local all-MiniLM-L6-v2 embeddings) in this process; model: `tests/Mirix.ScriptedLlm` over HTTP on loopback, answering every call after a fixed latency L with the tool call the content implies.  ");
        report.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- agents [--latency-ms {latency.TotalMilliseconds:F0}] [--users {users}] [--llm-concurrency {limit}]`").AppendLine();

        // Part 1: one add at a time, through /memory/add_sync so the request's time is the add's time.
        llm.Latency = latency;
        await using (var host = new BenchmarkHost(null, Settings(llm, limit, partitions: 4)))
        {
            var http = await host.CreateClientWithKeyAsync("bench");
            var meta = await InitializeAsync(http);
            await AddSyncAsync(http, meta, "warm-up", Contents[1]); // JIT, the embedding model, the first connections
            report.AppendLine(CultureInfo.InvariantCulture, $"## Per add, by memory types routed (k), L = {latency.TotalMilliseconds:F0} ms").AppendLine();
            report.AppendLine("Five adds per row, one at a time (`/memory/add_sync`). MIRIX's figures are from its step loop (reference §1.4): topic extraction, routing, k children, finish.").AppendLine();
            report.AppendLine("| k | LLM calls | MIRIX calls | prompt tokens | completion tokens | wall p50 ms | wall / L | MIRIX wall / L (at least) |").AppendLine("|---|---|---|---|---|---|---|---|");
            for (var k = 1; k <= Contents.Length; k++)
            {
                var walls = new List<double>();
                JsonNode? last = null;
                for (var i = 0; i < 5; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    last = await AddSyncAsync(http, meta, $"user-{k}-{i}", Contents[k - 1]);
                    walls.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                var result = last!["result"]!;
                var routed = result["routed_types"]!.AsArray().Count;
                var calls = result["llm_calls"]!.GetValue<int>();
                walls.Sort();
                var p50 = walls[walls.Count / 2];
                Console.WriteLine($"k={routed}: {calls} calls, wall p50 {p50:F0} ms");
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {routed} | **{calls}** | {routed + 3} | {result["prompt_tokens"]} | {result["completion_tokens"]} | {p50:F0} | **{p50 / latency.TotalMilliseconds:F2}** | {(routed > 0 ? 3 : 2)} |");
            }
            report.AppendLine().AppendLine("Wall / L is about 2 whatever k is: the routing call, then the k memory agents' calls in parallel. MIRIX's (k+3) calls also run topic extraction, routing and finish one after another, so at least 3·L (the children run concurrently there too).").AppendLine();

            // Part 3 before part 2's bigger host: CPU per add outside the model, with no latency.
            llm.Latency = TimeSpan.Zero;
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            const int cpuAdds = 40;
            for (var i = 0; i < cpuAdds; i++)
            {
                // Distinct facts: repeated ones would be skipped as duplicates and cost less than a real add.
                await AddSyncAsync(http, meta, $"cpu-{i % 8}", $"My sister {Names[i % Names.Length]}'s birthday is on {i % 28 + 1} May, and she lives in house {i * 7 + 3}.");
            }
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / cpuAdds;
            report.AppendLine("## CPU per add outside the model").AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"{cpuAdds} adds of distinct facts with L = 0: **{cpuMs:F0} ms of CPU per add** (process time over all cores). It includes the scripted server and the HTTP client in this process, prompt building, the memory reads for the prompts, the duplicate check (one embedding search per new item), MiniLM embeddings of what is stored and the commit.").AppendLine();
            Console.WriteLine($"cpu per add: {cpuMs:F0} ms");
        }

        // Part 2: many users at once; the in-process queue gets enough lanes that the LLM limit, not the lanes, binds.
        llm.Latency = TimeSpan.FromSeconds(1);
        llm.Reset();
        await using (var host = new BenchmarkHost(null, Settings(llm, limit, partitions: 64)))
        {
            var http = await host.CreateClientWithKeyAsync("bench");
            var meta = await InitializeAsync(http);
            await AddSyncAsync(http, meta, "warm-up", Contents[1]);
            llm.Reset();
            var threadsBefore = ThreadPool.ThreadCount;
            var maxThreads = threadsBefore;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    maxThreads = Math.Max(maxThreads, ThreadPool.ThreadCount);
                    await Task.Delay(50, CancellationToken.None);
                }
            });
            var started = Stopwatch.GetTimestamp();
            var operations = await Task.WhenAll(Enumerable.Range(0, users).Select(async u =>
            {
                using var response = await http.PostAsJsonAsync("/memory/add", Body(meta, $"crowd-{u}", Contents[1]));
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<JsonObject>())!["operation_id"]!.GetValue<string>();
            }));
            var finished = await Task.WhenAll(operations.Select(id => WaitAsync(http, id)));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await sampling.CancelAsync();
            await sampler;
            var calls = finished.Sum(o => o["result"]!["llm_calls"]!.GetValue<int>());
            var durations = finished.Select(o => o["duration_ms"]!.GetValue<double>()).Order().ToList();
            Console.WriteLine($"{users} users: {seconds:F1} s, {users / seconds:F2} adds/s, peak {llm.MaxInFlight} calls in flight, threads {threadsBefore}->{maxThreads}");
            report.AppendLine(CultureInfo.InvariantCulture, $"## Throughput: {users} users adding at once, L = 1 s").AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Each add routes to 2 types (3 calls). LLM limit: {limit} calls in flight (`Mirix:Llm:MaxConcurrency` and `MaxConcurrencyPerOrganization`, one organization here); the in-process queue has 64 lanes (`Mirix:Ingestion:Partitions`) so that the lanes do not bind first.").AppendLine();
            report.AppendLine("| adds | LLM calls | all done in s | adds/s | calls/s | bound (limit / L) calls/s | peak calls in flight | accept→done p50 s | p95 s | thread-pool threads before → max |").AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {users} | {calls} | {seconds:F1} | **{users / seconds:F2}** | **{calls / seconds:F1}** | {limit} | {llm.MaxInFlight} | {durations[durations.Count / 2] / 1000:F1} | {durations[(int)(durations.Count * 0.95)] / 1000:F1} | {threadsBefore} → {maxThreads} |");
            report.AppendLine().AppendLine("Calls per second sit just under the limit divided by L: waiting adds queue for a slot asynchronously and hold no thread, so the thread pool stays near its idle size while a hundred runs are in progress. Raising the limit (or the provider's rate) raises throughput until the cores or the queue lanes bind.");
        }

        await File.WriteAllTextAsync(outPath, report.ToString());
        Console.WriteLine($"written to {outPath}");
    }

    private static Dictionary<string, string> Settings(ScriptedLlmServer llm, int limit, int partitions) => new()
    {
        ["Mirix:Llm:Endpoint"] = llm.BaseUrl.ToString(),
        ["Mirix:Llm:Model"] = "scripted-model",
        ["Mirix:Llm:MaxConcurrency"] = limit.ToString(CultureInfo.InvariantCulture),
        ["Mirix:Llm:MaxConcurrencyPerOrganization"] = limit.ToString(CultureInfo.InvariantCulture),
        ["Mirix:Ingestion:Partitions"] = partitions.ToString(CultureInfo.InvariantCulture),
    };

    private static async Task<string> InitializeAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/agents/meta/initialize", new
        {
            config = new
            {
                llm_config = new { model = "scripted-model", model_endpoint_type = "openai", context_window = 128000 },
                embedding_config = new { embedding_endpoint_type = "openai", embedding_model = "text-embedding-3-small", embedding_dim = 1536 },
            },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static object Body(string meta, string user, string text) => new
    {
        user_id = user,
        meta_agent_id = meta,
        messages = new object[] { new { role = "user", content = new[] { new { type = "text", text } } } },
    };

    private static async Task<JsonNode> AddSyncAsync(HttpClient http, string meta, string user, string text)
    {
        using var response = await http.PostAsJsonAsync("/memory/add_sync", Body(meta, user, text));
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["operation_id"]!.GetValue<string>();
        return await WaitAsync(http, id);
    }

    private static async Task<JsonNode> WaitAsync(HttpClient http, string operationId)
    {
        while (true)
        {
            var operation = (await http.GetFromJsonAsync<JsonObject>($"/memory/operations/{operationId}"))!;
            var status = operation["status"]!.GetValue<string>();
            if (status is "succeeded")
            {
                return operation;
            }
            if (status is "dead_lettered" or "failed")
            {
                throw new InvalidOperationException($"operation {operationId} {status}: {operation["error"]}");
            }
            await Task.Delay(100);
        }
    }
}
