using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Mirix.ScriptedLlm;
using ScottPlot;

namespace Mirix.Benchmarks;

/// <summary>
/// Minutes at a fixed mixed rate (adds through the memory agents, hybrid searches, chats) against the embedded default run
/// as its own process, sampling its resident memory, threads and p99 latency; then a few very large requests, and the
/// memory they leave behind. Results and a plot in docs/benchmarks/soak.md and soak.png.
/// </summary>
internal static class SoakBenchmark
{
    private const int Users = 20;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);
    private static readonly string[] Topics = ["piano lessons", "the trip to Porto", "a sourdough starter", "the quarterly report", "marathon training", "a new bicycle", "the dentist", "Ana's birthday"];

    private sealed record Completed(double At, string Kind, double Ms, int Status);

    private sealed record Sample(double Minutes, double RssMb, double AnonMb, int Threads, double P99Ms, int Requests);

    public static async Task RunAsync(BenchmarkArguments arguments)
    {
        var minutes = double.Parse(arguments.Option("minutes", "10"), CultureInfo.InvariantCulture);
        var rates = new Dictionary<string, double>
        {
            ["add"] = double.Parse(arguments.Option("adds-per-second", "2"), CultureInfo.InvariantCulture),
            ["search"] = double.Parse(arguments.Option("searches-per-second", "10"), CultureInfo.InvariantCulture),
            ["chat"] = double.Parse(arguments.Option("chats-per-second", "1"), CultureInfo.InvariantCulture),
        };
        var budgetMb = double.Parse(arguments.Option("budget-mb", "600"), CultureInfo.InvariantCulture);
        // "none" runs the same soak without the in-process embedding model, to show what the model itself holds.
        var embeddings = arguments.Option("embeddings", "local");
        var root = RepositoryPaths.Root();
        var outPath = arguments.Option("out", Path.Combine(root, "docs", "benchmarks", "soak.md"));
        await using var llm = await ScriptedLlmServer.StartAsync();
        llm.Latency = TimeSpan.FromMilliseconds(50);
        await using var api = await ApiServerProcess.StartAsync(root, new Dictionary<string, string>
        {
            ["Mirix:Llm:Endpoint"] = llm.BaseUrl.ToString(),
            ["Mirix:Llm:Model"] = "scripted-model",
            ["Mirix:Embeddings:Provider"] = embeddings,
        });
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = api.Address, Timeout = TimeSpan.FromMinutes(2) };
        using (var anonymous = new HttpClient { BaseAddress = api.Address })
        {
            http.DefaultRequestHeaders.Add("X-API-Key", await BenchmarkHost.CreateApiKeyAsync(anonymous, "soak"));
        }
        var started = await api.SampleAsync();
        (await http.PostAsJsonAsync("/agents/meta/initialize", new
        {
            config = new
            {
                llm_config = new { model = "scripted-model", model_endpoint_type = "openai", context_window = 128000 },
                embedding_config = new { embedding_endpoint_type = "openai", embedding_model = "text-embedding-3-small", embedding_dim = 1536 },
            },
        })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("/users/create_or_get", new { user_id = "user-bulk", name = "bulk importer" })).EnsureSuccessStatusCode();
        for (var u = 0; u < Users; u++)
        {
            (await http.PostAsJsonAsync("/users/create_or_get", new { user_id = $"user-{u}", name = $"user {u}" })).EnsureSuccessStatusCode();
        }
        var chatAgent = (await (await http.PostAsJsonAsync("/agents", new { name = "helper", agent_type = "chat_agent" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var completed = new ConcurrentQueue<Completed>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
        var inFlight = new ConcurrentDictionary<Task, byte>();
        var load = rates.Select(rate => DriveAsync(rate.Key, rate.Value)).ToList();
        var samples = new List<Sample>();
        var sampler = SampleAsync();
        Console.WriteLine($"soak: {minutes} min at {string.Join(", ", rates.Select(r => $"{r.Value}/s {r.Key}"))}; RSS at start {started.RssMb:F0} MB");
        await Task.WhenAll(load);
        await Task.WhenAll(inFlight.Keys);
        await sampler;
        var afterSoak = await api.SampleAsync();

        // A few very large requests: 1,000-message adds of several megabytes, and documents of a million characters.
        var large = await LargeRequestsAsync(api, http);

        await WriteReportAsync(root, outPath, minutes, rates, embeddings, started, samples, completed.ToList(), afterSoak, large, budgetMb);
        return;

        async Task DriveAsync(string kind, double perSecond)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / perSecond));
            var n = 0;
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    var task = SendAsync(kind, n++);
                    inFlight[task] = 0;
                    _ = task.ContinueWith(t => inFlight.TryRemove(t, out _), TaskScheduler.Default);
                }
            }
            catch (OperationCanceledException)
            {
                // the soak is over
            }
        }

        async Task SendAsync(string kind, int n)
        {
            var user = $"user-{n % Users}";
            var topic = Topics[n % Topics.Length];
            var sent = clock.Elapsed;
            using var response = kind switch
            {
                "add" => await http.PostAsJsonAsync("/memory/add", new
                {
                    user_id = user,
                    messages = new object[] { new { role = "user", content = new[] { new { type = "text", text = $"Note {n}: today I spent time on {topic}, and it went well on day {n % 31 + 1}." } } } },
                }),
                "search" => await http.GetAsync(new Uri($"/memory/search?user_id={user}&memory_type=all&search_method=hybrid&limit=10&query={Uri.EscapeDataString(topic)}", UriKind.Relative)),
                _ => await http.PostAsJsonAsync($"/agents/{chatAgent}/messages", new { message = $"What do you remember about {topic}?", role = "user", user_id = user }),
            };
            await response.Content.ReadAsByteArrayAsync();
            completed.Enqueue(new Completed(clock.Elapsed.TotalSeconds, kind, (clock.Elapsed - sent).TotalMilliseconds, (int)response.StatusCode));
        }

        async Task SampleAsync()
        {
            using var timer = new PeriodicTimer(SampleEvery);
            var seen = 0;
            while (!stop.IsCancellationRequested && await timer.WaitForNextTickAsync())
            {
                var process = await api.SampleAsync();
                var all = completed.ToList();
                var window = all.Skip(seen).Select(c => c.Ms).Order().ToList();
                seen = all.Count;
                samples.Add(new Sample(clock.Elapsed.TotalMinutes, process.RssMb, process.AnonMb, process.Threads, window.Count == 0 ? 0 : Percentile(window, 0.99), window.Count));
                if (samples.Count % 12 == 0)
                {
                    Console.WriteLine($"{clock.Elapsed.TotalMinutes:F1} min: RSS {process.RssMb:F0} MB ({process.AnonMb:F0} private), {process.Threads} threads, p99 {samples[^1].P99Ms:F0} ms, {all.Count} requests");
                }
            }
        }
    }

    private sealed record LargeRequestFigures(ProcessSample Before, double PeakMb, ProcessSample After, int Adds, int Documents, double Seconds);

    private static async Task<LargeRequestFigures> LargeRequestsAsync(ApiServerProcess api, HttpClient http)
    {
        var before = await api.SampleAsync();
        var peak = before.RssMb;
        var watch = Stopwatch.StartNew();
        const int Adds = 5, Documents = 3;
        var operations = new List<string>();
        for (var a = 0; a < Adds; a++)
        {
            var messages = Enumerable.Range(0, 1000).Select(i => $"Line {i} of bulk import {a}: " + new string((char)('a' + (i % 26)), 6000)).ToArray();
            using var response = await http.PostAsJsonAsync("/memory/add", new { user_id = "user-bulk", mode = "raw", messages });
            response.EnsureSuccessStatusCode();
            operations.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["operation_id"]!.GetValue<string>());
            peak = Math.Max(peak, (await api.SampleAsync()).RssMb);
        }
        for (var d = 0; d < Documents; d++)
        {
            using var response = await http.PostAsJsonAsync("/memory/resource", new
            {
                user_id = "user-bulk",
                items = new[] { new { title = $"Manual {d}", summary = "A very long manual", resource_type = "doc", content = string.Concat(Enumerable.Repeat($"Chapter text of manual {d}. ", 40_000))[..1_000_000] } },
            });
            response.EnsureSuccessStatusCode();
            peak = Math.Max(peak, (await api.SampleAsync()).RssMb);
        }
        foreach (var operation in operations)
        {
            while ((await http.GetFromJsonAsync<JsonObject>($"/memory/operations/{operation}"))!["status"]!.GetValue<string>() is not ("succeeded" or "dead_lettered"))
            {
                peak = Math.Max(peak, (await api.SampleAsync()).RssMb);
                await Task.Delay(500);
            }
        }
        var seconds = watch.Elapsed.TotalSeconds;
        // The runtime gives memory back over its own time; read it after a quiet half minute.
        await Task.Delay(TimeSpan.FromSeconds(30));
        return new LargeRequestFigures(before, peak, await api.SampleAsync(), Adds, Documents, seconds);
    }

    private static async Task WriteReportAsync(string root, string outPath, double minutes, Dictionary<string, double> rates, string embeddings, ProcessSample started,
        List<Sample> samples, List<Completed> completed, ProcessSample afterSoak, LargeRequestFigures large, double budgetMb)
    {
        var report = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        report.AppendLine("# Soak: ten minutes at a fixed mixed rate, and memory after very large requests").AppendLine();
        report.AppendLine(inv, $"Machine: {await BenchmarkHost.DescribeAsync(root)}  ").AppendLine(inv, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC  ");
        report.AppendLine(inv, $"Server: the embedded default (SQLite, in-process queue, {(embeddings == "local" ? "local all-MiniLM-L6-v2 embeddings" : "embeddings turned off (`Mirix:Embeddings:Provider=none`), to show what the local model holds")}) as its own process (`dotnet Mirix.Api.dll`, Release), with the scripted model server (`tests/Mirix.ScriptedLlm`, 50 ms per call) as its LLM, so adds run the meta agent and the memory agents and chats answer from memory. Load: an open-loop schedule over loopback from the benchmark process, 20 users.  ");
        report.AppendLine(inv, $"Command: `dotnet run -c Release --project benchmarks/Mirix.Benchmarks -- soak --minutes {minutes} --adds-per-second {rates["add"]} --searches-per-second {rates["search"]} --chats-per-second {rates["chat"]}{(embeddings == "local" ? "" : $" --embeddings {embeddings} --out docs/benchmarks/{Path.GetFileName(outPath)}")}`").AppendLine();

        var errors = completed.Count(c => c.Status >= 400);
        report.AppendLine("## Over the soak").AppendLine();
        report.AppendLine(inv, $"{completed.Count} requests ({string.Join(", ", rates.Select(r => $"{completed.Count(c => c.Kind == r.Key)} {(r.Key == "search" ? "searches" : r.Key + "s")}"))}), {errors} errors. RSS {started.RssMb:F0} MB after start-up ({started.AnonMb:F0} MB private, {started.FileMb:F0} MB file-backed), {afterSoak.RssMb:F0} MB at the end ({afterSoak.AnonMb:F0} MB private, {afterSoak.FileMb:F0} MB file-backed); threads {started.Threads} → {afterSoak.Threads}.").AppendLine();
        report.AppendLine("| minute | RSS MB | private MB | threads | requests | add p50 / p99 ms | search p50 / p99 ms | chat p50 / p99 ms |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var m = 0; m < (int)Math.Ceiling(minutes); m++)
        {
            var inMinute = completed.Where(c => c.At >= m * 60 && c.At < (m + 1) * 60).ToList();
            var last = samples.LastOrDefault(s => s.Minutes <= m + 1) ?? samples.FirstOrDefault();
            report.AppendLine(inv, $"| {m + 1} | {last?.RssMb:F0} | {last?.AnonMb:F0} | {last?.Threads} | {inMinute.Count} | {Latency(inMinute, "add")} | {Latency(inMinute, "search")} | {Latency(inMinute, "chat")} |");
        }
        var secondHalf = samples.Where(s => s.Minutes >= minutes / 2).ToList();
        report.AppendLine();
        report.AppendLine(inv, $"Trend over the second half (least squares): RSS {Slope(secondHalf, s => s.RssMb):+0.0;-0.0} MB per minute (private {Slope(secondHalf, s => s.AnonMb):+0.0;-0.0}), p99 {Slope(secondHalf, s => s.P99Ms):+0.0;-0.0} ms per minute, threads {Slope(secondHalf, s => s.Threads):+0.00;-0.00} per minute.").AppendLine();
        var plot = Path.ChangeExtension(Path.GetFileName(outPath), ".png");
        report.AppendLine(inv, $"![RSS, p99 latency and threads over the soak]({plot})").AppendLine();

        report.AppendLine("## Very large requests").AppendLine();
        report.AppendLine(inv, $"After the soak: {large.Adds} adds of 1,000 messages each (about 6 MB of JSON each, raw mode) and {large.Documents} resources of 1,000,000 characters, all filed in {large.Seconds:F0} s.").AppendLine();
        report.AppendLine("| RSS before (private) | peak | 30 s after (private) | budget, RSS through the soak and after |");
        report.AppendLine("|---:|---:|---:|---:|");
        var held = Math.Max(large.After.RssMb, samples.Max(s => s.RssMb)) <= budgetMb;
        report.AppendLine(inv, $"| {large.Before.RssMb:F0} MB ({large.Before.AnonMb:F0}) | {large.PeakMb:F0} MB | {large.After.RssMb:F0} MB ({large.After.AnonMb:F0}) | {budgetMb:F0} MB: {(held ? "held" : "exceeded")} |");
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        await File.WriteAllTextAsync(outPath, report.ToString());
        Plot(samples, Path.ChangeExtension(outPath, ".png"));
        Console.WriteLine(report);
    }

    private static void Plot(List<Sample> samples, string path)
    {
        var multiplot = new ScottPlot.Multiplot();
        multiplot.AddPlots(4);
        var x = samples.Select(s => s.Minutes).ToArray();
        (string Label, double[] Y)[] series =
        [
            ("RSS (MB)", samples.Select(s => s.RssMb).ToArray()),
            ("private memory (MB)", samples.Select(s => s.AnonMb).ToArray()),
            ("p99 latency per 5 s (ms)", samples.Select(s => s.P99Ms).ToArray()),
            ("threads", samples.Select(s => (double)s.Threads).ToArray()),
        ];
        for (var i = 0; i < series.Length; i++)
        {
            var plot = multiplot.GetPlot(i);
            plot.Add.Scatter(x, series[i].Y);
            plot.Axes.Left.Label.Text = series[i].Label;
            plot.Axes.Bottom.Label.Text = "minutes";
            plot.Axes.SetLimitsY(0, series[i].Y.DefaultIfEmpty(1).Max() * 1.15);
        }
        multiplot.SavePng(path, 900, 1100);
    }

    private static string Latency(List<Completed> completed, string kind)
    {
        var sorted = completed.Where(c => c.Kind == kind).Select(c => c.Ms).Order().ToList();
        return sorted.Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{Percentile(sorted, 0.5):F0} / {Percentile(sorted, 0.99):F0}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static double Slope(List<Sample> samples, Func<Sample, double> value)
    {
        if (samples.Count < 2)
        {
            return 0;
        }
        var mx = samples.Average(s => s.Minutes);
        var my = samples.Average(value);
        var num = samples.Sum(s => (s.Minutes - mx) * (value(s) - my));
        var den = samples.Sum(s => (s.Minutes - mx) * (s.Minutes - mx));
        return den == 0 ? 0 : num / den;
    }
}
