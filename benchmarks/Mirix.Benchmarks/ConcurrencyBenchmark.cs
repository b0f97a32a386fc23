using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Mirix.ScriptedLlm;

namespace Mirix.Benchmarks;

/// <summary>
/// The async promises as numbers, over Kestrel and loopback sockets against the scripted model server: short requests
/// beside one that waits a minute on the model, N concurrent chats at a model latency L (wall / L, the server's own
/// overhead, thread-pool threads, memory per request in flight), and the failure answers (a hung model, a 429 storm).
/// Embedded default: SQLite, in-process queue, local MiniLM embeddings.
/// </summary>
internal static class ConcurrencyBenchmark
{
    /// <summary>A user with memories to retrieve for the prompt, and one with none.</summary>
    private const string DefaultUsers = "alice,newcomer";

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var sizes = arguments.Option("n", "100,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var latency = TimeSpan.FromMilliseconds(double.Parse(arguments.Option("latency-ms", "2000"), CultureInfo.InvariantCulture));
        var users = arguments.Option("users", DefaultUsers).Split(',');
        var repeat = int.Parse(arguments.Option("repeat", "3"), CultureInfo.InvariantCulture);
        var slowFor = TimeSpan.FromSeconds(double.Parse(arguments.Option("slow-seconds", "60"), CultureInfo.InvariantCulture));
        var root = RepositoryPaths.Root();
        var outPath = arguments.Option("out", Path.Combine(root, "docs", "benchmarks", "concurrency.md"));
        await using var llm = await ScriptedLlmServer.StartAsync();
        llm.ChatSearchesFirst = false; // one model call per chat turn, so wall / L reads directly

        var report = new StringBuilder();
        report.AppendLine("# Concurrency: a slow model call holds up nobody, and many users are served at once").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {await BenchmarkHost.DescribeAsync(root)}  ").AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  ");
        report.AppendLine("Server: the embedded default (SQLite, in-process queue, local all-MiniLM-L6-v2 embeddings) as its own process (`dotnet Mirix.Api.dll`, Release, server GC as deployed); clients over loopback sockets from the benchmark process; model: `tests/Mirix.ScriptedLlm` over HTTP on loopback with a fixed latency per call. A chat turn here is one model call (no memory search tool call) after the server's own memory retrieval for the prompt. The benchmark's client has no meta agent, so turns are answered but not queued for memory extraction, whose agents would otherwise run in the background of the measured runs.  ");
        report.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- concurrency [--n {string.Join(',', sizes)}] [--users {string.Join(',', users)}] [--repeat {repeat}] [--latency-ms {latency.TotalMilliseconds:F0}] [--slow-seconds {slowFor.TotalSeconds:F0}]`").AppendLine();

        await using (var api = await ApiServerProcess.StartAsync(root, Settings(llm, TimeSpan.FromMinutes(3))))
        {
            Console.WriteLine($"Mirix.Api is process {api.ProcessId} at {api.Address}");
            var (http, agentId) = await SetUpAsync(api);
            await SlowBesideShortAsync(report, llm, http, agentId, slowFor);
            await ManyChatsAsync(report, llm, api, http, agentId, users, sizes, latency, repeat);
            http.Dispose();
        }
        await using (var api = await ApiServerProcess.StartAsync(root, Settings(llm, TimeSpan.FromSeconds(5))))
        {
            var (http, agentId) = await SetUpAsync(api);
            await FailuresAsync(report, llm, http, agentId);
            http.Dispose();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await File.WriteAllTextAsync(outPath, report.ToString());
        Console.WriteLine(report);
    }

    private static Dictionary<string, string> Settings(ScriptedLlmServer llm, TimeSpan timeout) => new()
    {
        ["Mirix:Llm:Endpoint"] = llm.BaseUrl.ToString(),
        ["Mirix:Llm:Model"] = "scripted-model",
        ["Mirix:Llm:Timeout"] = timeout.ToString("c", CultureInfo.InvariantCulture),
        ["Mirix:Llm:MaxConcurrency"] = "2000",
        ["Mirix:Llm:MaxConcurrencyPerOrganization"] = "2000",
        ["Mirix:Llm:MaxWaiting"] = "5000",
        ["Mirix:Llm:RetryBaseDelay"] = "00:00:00.200",
        ["Logging:LogLevel:Microsoft.Extensions.AI"] = "None",
    };

    private static async Task<(HttpClient Http, string AgentId)> SetUpAsync(ApiServerProcess api)
    {
        string key;
        using (var anonymous = new HttpClient { BaseAddress = api.Address })
        {
            key = await BenchmarkHost.CreateApiKeyAsync(anonymous, "bench");
        }
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = api.Address,
            Timeout = TimeSpan.FromMinutes(5),
        };
        http.DefaultRequestHeaders.Add("X-API-Key", key);
        await CreateUserAsync(http, "alice", withMemories: true);
        await CreateUserAsync(http, "warm-up", withMemories: false);
        var agent = (await (await http.PostAsJsonAsync("/agents", new { name = "helper", agent_type = "chat_agent" })).Content.ReadFromJsonAsync<JsonObject>())!;
        var agentId = agent["id"]!.GetValue<string>();
        // Warm up until the JIT's second tier has compiled the hot paths (it recompiles them in the background for the
        // first seconds of a process, which would otherwise be counted as the first runs' CPU), the embedding model and
        // connections.
        for (var round = 0; round < 10; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
            {
                await ChatAsync(http, agentId, $"warm up {i}", user: i % 2 == 0 ? "alice" : "warm-up");
                await SearchAsync(http);
            }));
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        return (http, agentId);
    }

    /// <summary>A user with two facts about Ana (one hybrid search finds them for the prompt), or with no memories.</summary>
    private static async Task CreateUserAsync(HttpClient http, string userId, bool withMemories)
    {
        (await http.PostAsJsonAsync("/users/create_or_get", new { user_id = userId, name = userId })).EnsureSuccessStatusCode();
        if (withMemories)
        {
            (await http.PostAsJsonAsync("/memory/semantic", new
            {
                user_id = userId,
                items = new object[]
                {
                    new { name = "Ana", summary = "The user's sister, lives in Porto" },
                    new { name = "Porto", summary = "City in Portugal where Ana teaches piano" },
                },
            })).EnsureSuccessStatusCode();
        }
    }

    private static async Task<HttpStatusCode> ChatAsync(HttpClient http, string agentId, string text, string user = "alice", CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync($"/agents/{agentId}/messages", new { message = text, role = "user", user_id = user }, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> SearchAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/memory/search?user_id=alice&query=Ana%20Porto&memory_type=all&search_method=hybrid&limit=5", UriKind.Relative));
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode;
    }

    /// <summary>100 short requests (half searches, half chats whose model answers in 50 ms), 10 at a time; their latencies in ms.</summary>
    private static async Task<List<double>> ShortRequestsAsync(HttpClient http, string agentId)
    {
        var latencies = new List<double>();
        var next = -1;
        var workers = Enumerable.Range(0, 10).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < 100)
            {
                var started = Stopwatch.GetTimestamp();
                var status = i % 2 == 0 ? await SearchAsync(http) : await ChatAsync(http, agentId, $"quick question {i}");
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (status != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"a short request answered {status}");
                }
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }
            }
        });
        await Task.WhenAll(workers);
        return latencies;
    }

    private static async Task SlowBesideShortAsync(StringBuilder report, ScriptedLlmServer llm, HttpClient http, string agentId, TimeSpan slowFor)
    {
        llm.LatencyFor = call => call.LastUser.Contains("slow", StringComparison.Ordinal) ? slowFor : TimeSpan.FromMilliseconds(50);
        report.AppendLine(CultureInfo.InvariantCulture, $"## Short requests beside one that waits {slowFor.TotalSeconds:F0} s on the model").AppendLine();
        report.AppendLine("100 short requests (50 hybrid searches, 50 chats whose model answers in 50 ms), 10 at a time; three rounds alone and three with one chat in flight whose model call takes the whole round (it is cancelled after the round). Goal: p99 with the slow request within 20 % of p99 without.").AppendLine();
        report.AppendLine("| round | without: p50 ms | without: p99 ms | with: p50 ms | with: p99 ms | p99 ratio |").AppendLine("|---|---|---|---|---|---|");
        var ratios = new List<double>();
        for (var round = 1; round <= 3; round++)
        {
            var alone = ShortStats(await ShortRequestsAsync(http, agentId));
            using var cancel = new CancellationTokenSource();
            var before = llm.Calls.Count(c => c.LastUser.Contains("slow", StringComparison.Ordinal));
            var slow = ChatAsync(http, agentId, "a slow question", ct: cancel.Token);
            while (llm.Calls.Count(c => c.LastUser.Contains("slow", StringComparison.Ordinal)) == before)
            {
                await Task.Delay(10);
            }
            var beside = ShortStats(await ShortRequestsAsync(http, agentId));
            var stillWaiting = !slow.IsCompleted;
            await cancel.CancelAsync();
            try
            {
                await slow;
            }
            catch (OperationCanceledException)
            {
                // The slow request is abandoned on purpose once the round is measured.
            }
            if (!stillWaiting)
            {
                throw new InvalidOperationException("the slow request finished before the short ones: the round measured nothing");
            }
            var ratio = beside.P99 / alone.P99;
            ratios.Add(ratio);
            Console.WriteLine($"round {round}: p99 {alone.P99:F1} ms alone, {beside.P99:F1} ms beside the slow call ({ratio:F2})");
            report.AppendLine(CultureInfo.InvariantCulture, $"| {round} | {alone.P50:F1} | {alone.P99:F1} | {beside.P50:F1} | {beside.P99:F1} | **{ratio:F2}** |");
        }
        ratios.Sort();
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Median p99 ratio: **{ratios[1]:F2}**. The slow call holds one model slot and one socket; no thread waits on it.").AppendLine();
        llm.LatencyFor = null;
    }

    private static (double P50, double P99) ShortStats(List<double> latencies)
    {
        latencies.Sort();
        return (Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>One run of N chats at once: its wall time and the per-request and per-turn figures the report shows.</summary>
    private sealed record ChatRun(
        double WallSeconds, double Ratio, double OverheadP50, double OverheadP95, double OverheadP99, double ServerCpuPerTurn, double OwnCpuPerTurn,
        int ThreadsBefore, int ThreadsPeak, double KibPerRequest, int Failures, double LastModelCallSeconds);

    private static async Task ManyChatsAsync(
        StringBuilder report, ScriptedLlmServer llm, ApiServerProcess api, HttpClient http, string agentId, string[] users, List<int> sizes, TimeSpan latency,
        int repeat)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"## N chats at once, model latency L = {latency.TotalMilliseconds:F0} ms").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"All N sent at once by a fresh user (alice: two facts, which one hybrid search finds for the prompt; newcomer: no memories), after anything queued earlier has finished and the server has been idle for a second (after warm-up the JIT and the GC go on working in the background for several seconds, which would be counted as the first run's CPU). Each row is the median of {repeat} runs by wall / L, with the range of all {repeat}. Overhead is each request's latency minus L: the server's own work (memory retrieval for the prompt, the model round trip over loopback, JSON) plus waiting for the 2 cores, which the server shares with the load generator and the model stub. CPU per turn is read from /proc for each process; threads and private memory are the server's, sampled every 50 ms (memory per request is the peak growth of its private memory divided by N). The last model call began column is when the last of the N turns reached the model, counted from the first request sent: the time the server took to do every turn's work before its model call. Goal: wall / L ≤ 1.25.").AppendLine();
        report.AppendLine("| user | N | wall s | wall / L | range of wall / L | overhead p50 ms | p95 ms | p99 ms | last model call began s | server CPU per turn ms | load generator and model CPU per turn ms | server threads before → peak | KiB per request in flight | failures |")
            .AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        var medians = new List<(string User, int N, ChatRun Run)>();
        foreach (var (profile, n) in users.SelectMany(u => sizes.Select(n => (u, n))))
        {
            var runs = new List<ChatRun>();
            for (var attempt = 1; attempt <= repeat; attempt++)
            {
                // A fresh user per run, so no run finds what an earlier run's turns were filed as.
                var user = $"{profile}-{n}-{attempt}";
                await CreateUserAsync(http, user, withMemories: profile == "alice");
                await DrainAsync(llm, http);
                await api.WaitUntilIdleAsync();
                llm.Latency = latency;
                var run = await ChatsAtOnceAsync(api, llm, http, agentId, user, n, latency);
                llm.Latency = TimeSpan.Zero;
                runs.Add(run);
                Console.WriteLine($"{profile} N={n} run {attempt}: wall {run.WallSeconds:F2} s = {run.Ratio:F2} L, overhead p50 {run.OverheadP50:F0} ms, p99 {run.OverheadP99:F0} ms, last model call began at {run.LastModelCallSeconds:F2} s, CPU per turn {run.ServerCpuPerTurn:F2} ms server + {run.OwnCpuPerTurn:F2} ms client and model, server threads {run.ThreadsBefore}->{run.ThreadsPeak}, failures {run.Failures}");
            }
            var ordered = runs.OrderBy(r => r.Ratio).ToList();
            var m = ordered[ordered.Count / 2];
            medians.Add((profile, n, m));
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {profile} | {n} | {m.WallSeconds:F2} | **{m.Ratio:F2}** | {ordered[0].Ratio:F2}–{ordered[^1].Ratio:F2} | {m.OverheadP50:F0} | {m.OverheadP95:F0} | {m.OverheadP99:F0} | {m.LastModelCallSeconds:F2} | {m.ServerCpuPerTurn:F2} | {m.OwnCpuPerTurn:F2} | {m.ThreadsBefore} → {m.ThreadsPeak} | {m.KibPerRequest:F0} | {m.Failures} |");
        }
        report.AppendLine();
        var largest = medians.Where(r => r.N == medians.Max(x => x.N)).ToList();
        var budget = (1.25 - 1) * latency.TotalMilliseconds * Environment.ProcessorCount;
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Reading: the server's threads stay flat at any N, so no request holds a thread while it waits. What stretches wall / L is CPU: all N turns need their CPU from the same {Environment.ProcessorCount} cores while the model waits, so wall / L ≤ 1.25 at N = {largest[0].N} leaves {budget / largest[0].N:F2} ms of CPU per turn for the server, the load generator and the model stub together. Here they used {string.Join(" and ", largest.Select(r => $"{r.Run.ServerCpuPerTurn + r.Run.OwnCpuPerTurn:F2} ms ({r.User})"))}. Wall time is L plus the time until the last turn reached the model ({string.Join(" and ", largest.Select(r => $"{r.Run.LastModelCallSeconds:F2} s ({r.User})"))}): the turns wait on the server's work before each model call (authentication, the user's time zone, which memory types the user holds, the core blocks, for alice a hybrid search with the local model embedding the question, the model request), not on the answers. Runs of the same row differ by up to 15 %.")
            .AppendLine();
    }

    private static async Task<ChatRun> ChatsAtOnceAsync(ApiServerProcess api, ScriptedLlmServer llm, HttpClient http, string agentId, string user, int n, TimeSpan latency)
    {
        var before = await api.SampleAsync();
        var (peakThreads, peakPrivate) = (before.Threads, before.AnonMb);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var sample = await api.SampleAsync();
                (peakThreads, peakPrivate) = (Math.Max(peakThreads, sample.Threads), Math.Max(peakPrivate, sample.AnonMb));
                await Task.Delay(50);
            }
        });
        var latencies = new double[n];
        var failures = 0;
        var (serverCpu, ownCpu) = (api.CpuTime(), Process.GetCurrentProcess().TotalProcessorTime);
        var started = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            var t = Stopwatch.GetTimestamp();
            var status = await ChatAsync(http, agentId, "Where does Ana live?", user: user);
            latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds - latency.TotalMilliseconds;
            if (status != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref failures);
            }
        }));
        var wall = Stopwatch.GetElapsedTime(started);
        serverCpu = api.CpuTime() - serverCpu;
        ownCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
        await sampling.CancelAsync();
        await sampler;
        var sorted = latencies.Order().ToList();
        var lastModelCall = llm.Calls.Where(c => c.At >= startedAt).Select(c => (c.At - startedAt).TotalSeconds).DefaultIfEmpty(double.NaN).Max();
        return new ChatRun(wall.TotalSeconds, wall / latency, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99),
            serverCpu.TotalMilliseconds / n, ownCpu.TotalMilliseconds / n, before.Threads, peakThreads, (peakPrivate - before.AnonMb) * 1024 / n, failures, lastModelCall);
    }

    /// <summary>
    /// Lets the queued chat turns of earlier runs finish their memory extraction with a model that answers at once, so a
    /// run's CPU figures hold its own turns and not the backlog's agents.
    /// </summary>
    private static async Task DrainAsync(ScriptedLlmServer llm, HttpClient http)
    {
        llm.Latency = TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        var deadline = DateTime.UtcNow.AddMinutes(10);
        string[] pending = ["queued", "running", "failed"];
        while (DateTime.UtcNow < deadline)
        {
            var counts = await Task.WhenAll(pending.Select(async status =>
                (await http.GetFromJsonAsync<JsonObject>(new Uri($"/memory/operations?status={status}&limit=1", UriKind.Relative)))!["count"]!.GetValue<int>()));
            if (counts.Sum() == 0)
            {
                Console.WriteLine($"earlier turns' memory extraction drained in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
                break;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private static async Task FailuresAsync(StringBuilder report, ScriptedLlmServer llm, HttpClient http, string agentId)
    {
        report.AppendLine("## Failure answers (time-out 5 s)").AppendLine();
        report.AppendLine("| case | answer | time |").AppendLine("|---|---|---|");
        llm.Enqueue(new LlmFault(LlmFaultKind.Hang));
        var started = Stopwatch.GetTimestamp();
        var status = await ChatAsync(http, agentId, "hello?");
        var hung = Stopwatch.GetElapsedTime(started);
        report.AppendLine(CultureInfo.InvariantCulture, $"| the model never answers | {(int)status} | {hung.TotalSeconds:F2} s |");

        llm.Enqueue([.. Enumerable.Repeat(new LlmFault(LlmFaultKind.RateLimited, RetryAfterSeconds: 1), 10)]);
        started = Stopwatch.GetTimestamp();
        var storm = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ChatAsync(http, agentId, "Where does Ana live?")));
        var stormTime = Stopwatch.GetElapsedTime(started);
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| 10 chats meet 10 answers 429 (Retry-After: 1) | {storm.Count(s => s == HttpStatusCode.OK)} × 200 | {stormTime.TotalSeconds:F2} s (each retried after the server's Retry-After) |");
        report.AppendLine().AppendLine("Beyond the model budget (`Mirix:Llm:MaxConcurrency`, `MaxWaiting`, `MaxWait`) a request gets 503 with Retry-After at once: `OverloadPromiseTests` in CI shows it with one slot, one waiter and one second of patience.");
        Console.WriteLine($"hang: {(int)status} after {hung.TotalSeconds:F2} s; 429 storm: {storm.Count(s => s == HttpStatusCode.OK)}/10 OK in {stormTime.TotalSeconds:F2} s");
    }
}
