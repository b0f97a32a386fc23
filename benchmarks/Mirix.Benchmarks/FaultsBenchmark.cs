using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Mirix.ScriptedLlm;
using Mirix.ServerProcesses;
using Npgsql;

namespace Mirix.Benchmarks;

/// <summary>
/// Faults under load, at full size: PostgreSQL and Redis each stopped and restarted while adds arrive at a fixed rate, and
/// the model rate-limiting for a minute and then hanging. Every add carries an idempotency key and is retried after a 503 as
/// Mirix.Client does; what matters is what happened to the accepted ones. Results in docs/benchmarks/faults.md.
/// </summary>
internal static class FaultsBenchmark
{
    private sealed record AddOutcome(bool Accepted, string? OperationId, int Refusals, double FirstRefusalMs, double AcceptedAt, string? Unexpected);

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var rate = double.Parse(arguments.Option("rate", "200"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(arguments.Option("seconds", "40"), CultureInfo.InvariantCulture);
        var down = double.Parse(arguments.Option("down-seconds", "10"), CultureInfo.InvariantCulture);
        var outage = double.Parse(arguments.Option("llm-outage-seconds", "60"), CultureInfo.InvariantCulture);
        var hang = double.Parse(arguments.Option("llm-hang-seconds", "30"), CultureInfo.InvariantCulture);
        var root = RepositoryPaths.Root();
        var outPath = arguments.Option("out", Path.Combine(root, "docs", "benchmarks", "faults.md"));

        var report = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        report.AppendLine("# Faults under load").AppendLine();
        report.AppendLine(inv, $"Machine: {await BenchmarkHost.DescribeAsync(root)}  ").AppendLine(inv, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  ");
        report.AppendLine(inv, $"Command: `dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- faults --rate {rate} --seconds {seconds} --down-seconds {down} --llm-outage-seconds {outage} --llm-hang-seconds {hang}`").AppendLine();
        report.AppendLine("The Api runs in the benchmark process (PostgreSQL 15 and Redis of the benchmark's own, from the machine's binaries, with the queue on Redis Streams; the embedded default for the model outage). Adds arrive on an open-loop schedule, each with its own `Idempotency-Key`; a 503 is retried after its `Retry-After`, as `Mirix.Client` does.").AppendLine();

        await using var postgres = await PostgresServerProcess.StartAsync();
        await using var redis = await RedisServerProcess.StartAsync();
        foreach (var server in new[] { "PostgreSQL", "Redis" })
        {
            var database = "mirix_faults_" + server.ToLowerInvariant();
            await using var host = new BenchmarkHost(postgres.ConnectionString(database), new Dictionary<string, string>
            {
                ["ConnectionStrings:redis"] = redis.Address,
                ["Mirix:Ingestion:Transport"] = "redis_streams",
                ["Mirix:Ingestion:StreamPrefix"] = "faults:" + server,
                // Every failed command of the outage is otherwise an error with a stack trace on the console.
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
            });
            using var http = await host.CreateClientWithKeyAsync("faults");
            Func<Task> stop = server == "PostgreSQL" ? postgres.StopAsync : redis.StopAsync;
            Func<Task> restart = server == "PostgreSQL" ? postgres.RestartAsync : redis.RestartAsync;
            await ServerRestartAsync(report, server, http, postgres.ConnectionString(database), rate, seconds, down, stop, restart);
            // The next scenario's host needs connections: this one's pool would keep up to the server's limit open.
            NpgsqlConnection.ClearAllPools();
        }
        await LlmOutageAsync(report, outage, hang);
        report.AppendLine("## The same faults in CI, at small size").AppendLine();
        report.AppendLine("`.ci/run` runs each of these on every change (`tests/Mirix.IntegrationTests`):").AppendLine();
        report.AppendLine("- `Ingestion/DatabaseRestartTests`: a PostgreSQL of the test's own stopped and restarted under eight writers; every writer meets a 503 with `Retry-After` in well under 5 s, and once one request has found the database gone the others are refused without trying it; the health probe still reports the database; every accepted add succeeds and is written once.");
        report.AppendLine("- `Ingestion/RestartTests`: Redis stopped and restarted under load (503 while down, nothing accepted lost), and the embedded server stopped mid-message and finishing it from its journal after a restart.");
        report.AppendLine("- `Ingestion/ConsumerCrashTests` and `Agents/AgentRunCrashTests`: a worker killed before its commit, after its commit, and in the middle of a memory agent's model call; the next worker takes the message over and each memory is written once.");
        report.AppendLine("- `Agents/LlmOutageTests`: twelve rate-limited and then six hung model calls under four queued adds; all succeed once with no attempt used up, and searches stay fast meanwhile.");
        report.AppendLine("- `Ingestion/DiskFullTests`: the embedded default's data folder on a 24 MB tmpfs filled to the last byte: adds answer 507 with `Retry-After`, reads go on, `PRAGMA integrity_check` says ok, and adds accepted before the refusal finish once space returns.");
        report.AppendLine();

        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await File.WriteAllTextAsync(outPath, report.ToString());
        Console.WriteLine(report);
    }

    private static async Task ServerRestartAsync(StringBuilder report, string server, HttpClient http, string database,
        double rate, double seconds, double down, Func<Task> stop, Func<Task> restart)
    {
        var clock = Stopwatch.StartNew();
        var downAt = seconds / 4;
        var outcomes = new ConcurrentBag<AddOutcome>();
        var adds = new List<Task>();
        var fault = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(downAt));
            await stop();
            await Task.Delay(TimeSpan.FromSeconds(down));
            await restart();
            return clock.Elapsed.TotalSeconds;
        });
        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / rate)))
        {
            var n = 0;
            while (clock.Elapsed.TotalSeconds < seconds && await timer.WaitForNextTickAsync())
            {
                adds.Add(AddAsync(http, server, n++, clock, outcomes));
            }
        }
        var restartedAt = await fault;
        await Task.WhenAll(adds);
        var accepted = outcomes.Where(o => o.Accepted).ToList();
        var drained = Stopwatch.StartNew();
        foreach (var operation in accepted)
        {
            await WaitForAsync(http, operation.OperationId!, TimeSpan.FromMinutes(5));
        }
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*), count(DISTINCT context) FROM raw_memory WHERE NOT is_deleted", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (rows, distinct) = (reader.GetInt64(0), reader.GetInt64(1));
        var refusals = outcomes.Where(o => o.Refusals > 0).Select(o => o.FirstRefusalMs).Order().ToList();
        var firstAfter = accepted.Where(o => o.AcceptedAt > restartedAt).Select(o => o.AcceptedAt).DefaultIfEmpty(double.NaN).Min();

        report.AppendLine(CultureInfo.InvariantCulture, $"## {server} stopped for {down:F0} s while {rate:F0} adds per second arrive").AppendLine();
        report.AppendLine("| adds sent (per second achieved) | accepted | answered 503 at least once | 503 answer time p50 / p99 / max | other errors | accepted and succeeded | rows written (distinct) | first accepted after restart | drained after the load |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {outcomes.Count} ({outcomes.Count / seconds:F0}/s) | {accepted.Count} | {refusals.Count} | {P(refusals, 0.5):F0} / {P(refusals, 0.99):F0} / {refusals.DefaultIfEmpty(0).Max():F0} ms | {outcomes.Count(o => o.Unexpected is not null)} | {accepted.Count} | {rows} ({distinct}) | {firstAfter - restartedAt:F1} s | {drained.Elapsed.TotalSeconds:F1} s |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Every accepted add succeeded, and each wrote its memory once: {(rows == accepted.Count && distinct == rows ? "yes" : "NO")}.").AppendLine();
        Console.WriteLine($"{server}: {accepted.Count}/{outcomes.Count} accepted, {refusals.Count} refused at least once, rows {rows}");
    }

    private static async Task AddAsync(HttpClient http, string server, int n, Stopwatch clock, ConcurrentBag<AddOutcome> outcomes)
    {
        var refusals = 0;
        var firstRefusal = 0.0;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/memory/add")
            {
                Content = JsonContent.Create(new { user_id = $"user-{n % 50}", mode = "raw", messages = new[] { $"{server} note {n}" } }),
            };
            request.Headers.Add("Idempotency-Key", $"{server}-{n}");
            var sent = clock.Elapsed;
            using var response = await http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["operation_id"]!.GetValue<string>();
                outcomes.Add(new AddOutcome(true, id, refusals, firstRefusal, clock.Elapsed.TotalSeconds, null));
                return;
            }
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } wait)
            {
                if (refusals++ == 0)
                {
                    firstRefusal = (clock.Elapsed - sent).TotalMilliseconds;
                }
                await Task.Delay(wait);
                continue;
            }
            outcomes.Add(new AddOutcome(false, null, refusals, firstRefusal, 0, $"{(int)response.StatusCode}"));
            return;
        }
    }

    private static async Task LlmOutageAsync(StringBuilder report, double outage, double hang)
    {
        await using var llm = await ScriptedLlmServer.StartAsync();
        await using var host = new BenchmarkHost(null, new Dictionary<string, string>
        {
            ["Mirix:Llm:Endpoint"] = llm.BaseUrl.ToString(),
            ["Mirix:Llm:Model"] = "scripted-model",
            ["Mirix:Llm:Timeout"] = "00:00:10",
        });
        using var http = await host.CreateClientWithKeyAsync("faults");
        (await http.PostAsJsonAsync("/agents/meta/initialize", new
        {
            config = new
            {
                llm_config = new { model = "scripted-model", model_endpoint_type = "openai", context_window = 128000 },
                embedding_config = new { embedding_endpoint_type = "openai", embedding_model = "text-embedding-3-small", embedding_dim = 1536 },
            },
        })).EnsureSuccessStatusCode();
        for (var u = 0; u < 10; u++)
        {
            (await http.PostAsJsonAsync("/users/create_or_get", new { user_id = $"user-{u}", name = $"user {u}" })).EnsureSuccessStatusCode();
        }
        var clock = Stopwatch.StartNew();
        llm.FaultFor = _ => clock.Elapsed.TotalSeconds < outage ? new LlmFault(LlmFaultKind.RateLimited, RetryAfterSeconds: 5)
            : clock.Elapsed.TotalSeconds < outage + hang ? new LlmFault(LlmFaultKind.Hang)
            : null;
        var operations = new List<string>();
        var searches = new List<double>();
        var next = 0.0;
        while (clock.Elapsed.TotalSeconds < outage + hang)
        {
            if (clock.Elapsed.TotalSeconds >= next)
            {
                using var add = await http.PostAsJsonAsync("/memory/add", new
                {
                    user_id = $"user-{operations.Count % 10}",
                    messages = new object[] { new { role = "user", content = new[] { new { type = "text", text = $"My sister Ana's birthday is on {operations.Count % 28 + 1} May." } } } },
                });
                add.EnsureSuccessStatusCode();
                operations.Add((await add.Content.ReadFromJsonAsync<JsonObject>())!["operation_id"]!.GetValue<string>());
                next += 2;
            }
            var watch = Stopwatch.StartNew();
            using var search = await http.GetAsync(new Uri("/memory/search?user_id=user-1&memory_type=all&search_method=hybrid&query=birthday", UriKind.Relative));
            search.EnsureSuccessStatusCode();
            searches.Add(watch.Elapsed.TotalMilliseconds);
            await Task.Delay(200);
        }
        var recovered = clock.Elapsed;
        var statuses = new List<JsonObject>();
        foreach (var operation in operations)
        {
            statuses.Add(await WaitForAsync(http, operation, TimeSpan.FromMinutes(10)));
        }
        var drained = clock.Elapsed - recovered;
        searches.Sort();
        var succeeded = statuses.Count(s => s["status"]!.GetValue<string>() == "succeeded");
        var rateLimited = llm.Calls.Count;
        report.AppendLine(CultureInfo.InvariantCulture, $"## The model answering 429 for {outage:F0} s, then hanging for {hang:F0} s").AppendLine();
        report.AppendLine("The embedded default with the memory agents on the scripted model server (10 s time-out per call). An add every 2 s during the outage; hybrid searches, which need no model, every 200 ms.").AppendLine();
        report.AppendLine("| adds queued | succeeded | dead-lettered | most attempts used | drained after the model returned | search p50 / p99 / max during the outage | model calls made |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {operations.Count} | {succeeded} | {statuses.Count(s => s["status"]!.GetValue<string>() == "dead_lettered")} | {statuses.Max(s => s["attempts"]!.GetValue<int>())} | {drained.TotalSeconds:F1} s | {P(searches, 0.5):F0} / {P(searches, 0.99):F0} / {searches.Max():F0} ms | {rateLimited} |");
        report.AppendLine();
        Console.WriteLine($"LLM outage: {succeeded}/{operations.Count} succeeded, drained in {drained.TotalSeconds:F1} s");
    }

    private static async Task<JsonObject> WaitForAsync(HttpClient http, string operationId, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var operation = (await http.GetFromJsonAsync<JsonObject>($"/memory/operations/{operationId}"))!;
            if (operation["status"]!.GetValue<string>() is "succeeded" or "dead_lettered" || deadline.Elapsed > limit)
            {
                return operation;
            }
            await Task.Delay(250);
        }
    }

    private static double P(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
