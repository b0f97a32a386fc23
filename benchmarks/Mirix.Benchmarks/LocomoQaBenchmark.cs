using System.ClientModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Mirix.ScriptedLlm;
using OpenAI;

namespace Mirix.Benchmarks;

/// <summary>
/// LoCoMo question answering end to end against any OpenAI-compatible endpoint: each conversation's sessions are added
/// through the memory agents (<c>/memory/add_sync</c>, dated by the session), each question of categories 1-4 is answered
/// by <c>/memory/retrieve/conversation</c> plus a reader model, and a judge with a pinned prompt grades the answer against
/// the gold one. Reports J (the share judged correct) per category, LLM calls and tokens per question, and latencies.
/// With <c>--scripted true</c> the model is the scripted test server: a check of the plumbing, not a score.
/// </summary>
internal static class LocomoQaBenchmark
{
    internal static readonly Dictionary<int, string> Categories = new() { [1] = "multi-hop", [2] = "temporal", [3] = "open-domain", [4] = "single-hop" };

    private static readonly string[] MemoryAgents =
        ["core_memory_agent", "episodic_memory_agent", "semantic_memory_agent", "procedural_memory_agent", "resource_memory_agent", "knowledge_vault_memory_agent"];

    internal sealed record Options(
        Uri Endpoint, string Model, string? ApiKey, string ReaderModel, string JudgeModel, string DataPath,
        int Conversations, int Sessions, int Questions);

    internal sealed record QuestionResult(int Category, bool Correct, double RetrieveMs, double AnswerMs, int AnswerCalls, long AnswerTokens, string RetrievalMethod);

    internal sealed record Result(IReadOnlyList<QuestionResult> Questions, int SessionsAdded, int IngestCalls, long IngestTokens, TimeSpan IngestTime, TimeSpan Total);

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var root = RepositoryPaths.Root();
        var scripted = arguments.Option("scripted", "false") == "true";
        await using var llm = scripted ? await ScriptedLlmServer.StartAsync() : null;
        if (llm is not null)
        {
            ScriptJudge(llm);
        }
        var endpoint = llm?.BaseUrl ?? (arguments.Option("endpoint") is { } e ? new Uri(e) : null);
        var model = arguments.Option("model", llm is null ? "" : "scripted-model");
        if (endpoint is null || model.Length == 0)
        {
            await Console.Error.WriteLineAsync("locomo-qa needs --endpoint URL (OpenAI-compatible, ending in /v1) and --model NAME, or --scripted true.");
            return;
        }
        var options = new Options(endpoint, model, arguments.Option("api-key") ?? Environment.GetEnvironmentVariable("MIRIX_BENCH_API_KEY"),
            arguments.Option("reader-model", model), arguments.Option("judge-model", model),
            arguments.Option("data", Path.Combine(root, "..", "shared", "data", "locomo", "locomo-dev.json")),
            int.Parse(arguments.Option("conversations", "5"), CultureInfo.InvariantCulture),
            int.Parse(arguments.Option("sessions", "1000"), CultureInfo.InvariantCulture),
            int.Parse(arguments.Option("questions", "1000"), CultureInfo.InvariantCulture));
        var result = await RunHarnessAsync(options);
        var report = await ReportAsync(options, result, scripted, root);
        var outPath = arguments.Option("out", Path.Combine(root, "docs", "benchmarks", scripted ? "locomo-qa-plumbing.md" : "locomo-qa.md"));
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await File.WriteAllTextAsync(outPath, report);
        Console.WriteLine(report);
    }

    /// <summary>The scripted server answers a judge's turn with a verdict, so the plumbing test sees both kinds counted.</summary>
    internal static void ScriptJudge(ScriptedLlmServer llm) =>
        llm.ChatText = call => call.System.Contains("You grade answers", StringComparison.Ordinal)
            ? (call.LastUser.Length % 2 == 0 ? "CORRECT" : "WRONG")
            : null;

    internal static async Task<Result> RunHarnessAsync(Options options)
    {
        var total = Stopwatch.StartNew();
        var samples = JsonNode.Parse(await File.ReadAllTextAsync(options.DataPath))!.AsArray().Take(options.Conversations).ToList();
        var settings = new Dictionary<string, string>
        {
            ["Mirix:Llm:Endpoint"] = options.Endpoint.ToString(),
            ["Mirix:Llm:Model"] = options.Model,
            ["Mirix:Llm:Timeout"] = "00:02:00",
            ["Logging:LogLevel:Microsoft.Extensions.AI"] = "None",
        };
        if (options.ApiKey is { Length: > 0 } key)
        {
            settings["Mirix:Llm:ApiKey"] = key;
        }
        await using var host = new BenchmarkHost(null, settings);
        using var http = await host.CreateClientWithKeyAsync("locomo-qa");
        (await http.PostAsJsonAsync("/agents/meta/initialize", new
        {
            config = new
            {
                llm_config = new { model = options.Model, model_endpoint_type = "openai", context_window = 128000 },
                embedding_config = new { embedding_endpoint_type = "local", embedding_model = "all-MiniLM-L6-v2", embedding_dim = 384 },
                meta_agent_config = new { agents = MemoryAgents },
            },
        })).EnsureSuccessStatusCode();
        var meta = (await http.GetFromJsonAsync<JsonArray>("/agents"))!.First(a => (string?)a!["agent_type"] == "meta_memory_agent")!["id"]!.GetValue<string>();
        using var server = new ServerLlmUsage();
        var reader = Chat(options, options.ReaderModel);
        var judge = Chat(options, options.JudgeModel);

        var ingest = Stopwatch.StartNew();
        var sessions = 0;
        foreach (var sample in samples)
        {
            var user = sample!["sample_id"]!.GetValue<string>();
            var conversation = sample["conversation"]!.AsObject();
            for (var session = 1; session <= options.Sessions && conversation[$"session_{session}"] is JsonArray turns; session++)
            {
                var date = LocomoRecallBenchmark.ParseSessionDate(conversation[$"session_{session}_date_time"]!.GetValue<string>());
                var messages = turns.Select(t => new { role = "user", content = new[] { new { type = "text", text = TurnText(t!) } } }).ToArray();
                using var added = await http.PostAsJsonAsync("/memory/add_sync", new
                {
                    user_id = user, meta_agent_id = meta, messages, occurred_at = date.ToString("O", CultureInfo.InvariantCulture),
                });
                added.EnsureSuccessStatusCode();
                sessions++;
            }
        }
        ingest.Stop();
        var (ingestCalls, ingestTokens) = server.Take();

        var results = new List<QuestionResult>();
        foreach (var sample in samples)
        {
            var user = sample!["sample_id"]!.GetValue<string>();
            foreach (var qa in sample["qa"]!.AsArray().Where(q => Categories.ContainsKey(q!["category"]!.GetValue<int>()) && q["answer"] is not null).Take(options.Questions))
            {
                var question = qa!["question"]!.GetValue<string>();
                var started = Stopwatch.GetTimestamp();
                using var retrieved = await http.PostAsJsonAsync("/memory/retrieve/conversation", new
                {
                    user_id = user, limit = 10, messages = new[] { new { role = "user", content = new[] { new { type = "text", text = question } } } },
                });
                retrieved.EnsureSuccessStatusCode();
                var found = (await retrieved.Content.ReadFromJsonAsync<JsonObject>())!;
                var retrieveMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var answer = await reader.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, LocomoQaPrompts.Reader), new ChatMessage(ChatRole.User, LocomoQaPrompts.ReaderTurn(Context(found["memories"]!), question))],
                    new ChatOptions { Temperature = 0, MaxOutputTokens = 64 });
                var answerMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var gold = qa["answer"]!.ToString();
                var verdict = await judge.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, LocomoQaPrompts.Judge), new ChatMessage(ChatRole.User, LocomoQaPrompts.JudgeTurn(question, gold, answer.Text))],
                    new ChatOptions { Temperature = 0, MaxOutputTokens = 8 });
                var (calls, tokens) = server.Take();
                results.Add(new QuestionResult(qa["category"]!.GetValue<int>(), LocomoQaPrompts.IsCorrect(verdict.Text), retrieveMs, answerMs,
                    calls + 1, tokens + (answer.Usage?.TotalTokenCount ?? 0), found["retrieval_method"]!.GetValue<string>()));
            }
        }
        return new Result(results, sessions, ingestCalls, ingestTokens, ingest.Elapsed, total.Elapsed);
    }

    private static IChatClient Chat(Options options, string model) =>
        new OpenAIClient(new ApiKeyCredential(options.ApiKey ?? "not-needed"), new OpenAIClientOptions { Endpoint = options.Endpoint })
            .GetChatClient(model).AsIChatClient();

    private static string TurnText(JsonNode turn)
    {
        var text = $"{turn["speaker"]!.GetValue<string>()}: {turn["text"]!.GetValue<string>()}";
        return turn["blip_caption"] is JsonValue caption ? $"{text} [shares a photo: {caption.GetValue<string>()}]" : text;
    }

    /// <summary>The retrieved memories as lines for the reader: dated events, facts, notes, the user's core memory.</summary>
    internal static string Context(JsonNode memories)
    {
        var lines = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<JsonNode> Items(string type, string list = "items") => (memories[type]?[list] as JsonArray ?? []).Where(i => i is not null && seen.Add(i["id"]!.GetValue<string>()))!;
        foreach (var e in Items("episodic", "relevant").Concat(Items("episodic", "recent")))
        {
            lines.Add($"[{e["timestamp"]!.GetValue<DateTime>():yyyy-MM-dd}] {e["summary"]} {e["details"]}");
        }
        lines.AddRange(Items("semantic").Select(s => $"[fact] {s["name"]}: {s["summary"]} {s["details"]}"));
        lines.AddRange(Items("procedural").Select(p => $"[how-to] {p["summary"]}"));
        lines.AddRange(Items("resource").Select(r => $"[resource] {r["title"]}: {r["summary"]}"));
        lines.AddRange(Items("knowledge_vault").Select(k => $"[detail] {k["caption"]}"));
        lines.AddRange(Items("raw").Select(r => $"[{r["occurred_at"]!.GetValue<DateTime>():yyyy-MM-dd}] {r["context"]}"));
        foreach (var scope in (memories["core"]?["scopes"] as JsonObject ?? []).Select(s => s.Value))
        {
            lines.AddRange((scope?["items"] as JsonArray ?? []).Where(b => !string.IsNullOrWhiteSpace((string?)b!["value"])).Select(b => $"[{b!["label"]}] {b["value"]}"));
        }
        return lines.Count == 0 ? "(none)" : string.Join("\n", lines);
    }

    private static async Task<string> ReportAsync(Options options, Result result, bool scripted, string root)
    {
        var q = result.Questions;
        var text = new StringBuilder();
        text.AppendLine(scripted ? "# LoCoMo question answering: plumbing check (scripted model, not a score)" : "# LoCoMo question answering (J)").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {await BenchmarkHost.DescribeAsync(root)}  ").AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  ");
        text.AppendLine(CultureInfo.InvariantCulture, $"Model: {(scripted ? "`tests/Mirix.ScriptedLlm` (its answers are canned: J here measures nothing)" : $"`{options.Model}` at {options.Endpoint.Host}")}; reader `{options.ReaderModel}`, judge `{options.JudgeModel}`; prompts `{LocomoQaPrompts.Version}` (sha256 {LocomoQaPrompts.Hash}).  ");
        text.AppendLine(CultureInfo.InvariantCulture, $"Data: LoCoMo dev split, {options.Conversations} conversation(s), {result.SessionsAdded} sessions added through the memory agents, {q.Count} questions of categories 1-4. Server: the embedded default in this process.  ");
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- locomo-qa {(scripted ? "--scripted true" : "--endpoint URL --model NAME [--api-key KEY]")} [--conversations {options.Conversations}] [--sessions N] [--questions N]`").AppendLine();
        text.AppendLine("| category | questions | J |").AppendLine("|---|---|---|");
        foreach (var (category, name) in Categories)
        {
            var of = q.Where(r => r.Category == category).ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {of.Count} | {(of.Count == 0 ? "–" : (of.Count(r => r.Correct) / (double)of.Count).ToString("F3", CultureInfo.InvariantCulture))} |");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"| **all** | {q.Count} | **{(q.Count == 0 ? 0 : q.Count(r => r.Correct) / (double)q.Count):F3}** |").AppendLine();
        static double P(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        var retrieve = q.Select(r => r.RetrieveMs).Order().ToList();
        var answer = q.Select(r => r.AnswerMs).Order().ToList();
        text.AppendLine("| per question | value |").AppendLine("|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| LLM calls to answer (topic extraction + reader; the judge not counted) | {(q.Count == 0 ? 0 : q.Average(r => r.AnswerCalls)):F2} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| tokens to answer | {(q.Count == 0 ? 0 : q.Average(r => r.AnswerTokens)):F0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| `retrieve/conversation` p50 / p95 ms | {P(retrieve, 0.5):F0} / {P(retrieve, 0.95):F0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| retrieval + reader p50 / p95 ms | {P(answer, 0.5):F0} / {P(answer, 0.95):F0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| topics from the LLM (not the last-turn fallback) | {(q.Count == 0 ? 0 : q.Count(r => r.RetrievalMethod == "llm") / (double)q.Count):P0} |");
        if (scripted)
        {
            text.AppendLine().AppendLine("The scripted memory agents store each session's whole text as their item, so the reader's context and the token counts are far above what a real model's concise memories give; calls per question and per session are what this run checks.");
        }
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Ingestion: {result.SessionsAdded} sessions in {result.IngestTime.TotalSeconds:F0} s, {(result.SessionsAdded == 0 ? 0 : result.IngestCalls / (double)result.SessionsAdded):F1} LLM calls and {(result.SessionsAdded == 0 ? 0 : result.IngestTokens / (double)result.SessionsAdded):F0} tokens per session. Total run {result.Total.TotalSeconds:F0} s.");
        return text.ToString();
    }

    /// <summary>The server's own LLM calls and tokens (its <c>Mirix.Llm</c> meter), counted since the last <see cref="Take"/>.</summary>
    private sealed class ServerLlmUsage : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _calls;
        private long _tokens;

        public ServerLlmUsage()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Mirix.Llm")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Name == "mirix.llm.calls")
                {
                    Interlocked.Add(ref _calls, value);
                }
                else if (instrument.Name == "mirix.llm.tokens")
                {
                    Interlocked.Add(ref _tokens, value);
                }
            });
            _listener.Start();
        }

        public (int Calls, long Tokens) Take() => ((int)Interlocked.Exchange(ref _calls, 0), Interlocked.Exchange(ref _tokens, 0));

        public void Dispose() => _listener.Dispose();
    }
}
