using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mirix.ScriptedLlm;

/// <summary>
/// A model server on loopback speaking the OpenAI and Anthropic protocols, since no model is reachable here.
/// <c>/v1/chat/completions</c> and <c>/v1/messages</c>: given the offered tools and the conversation it answers with deterministic tool calls
/// (<see cref="ScriptedAnswers"/>), after <see cref="Latency"/>; queued <see cref="LlmFault"/>s make it answer 429, 500,
/// text, malformed arguments, or hang. <c>/v1/embeddings</c>: deterministic bag-of-words vectors (texts sharing words are
/// close). It records every request and how many chat calls were in flight at once.
/// </summary>
public sealed class ScriptedLlmServer : IAsyncDisposable
{
    /// <summary>The size of the vectors <c>/v1/embeddings</c> answers unless asked for <c>dimensions</c>.</summary>
    public const int EmbeddingDimensions = 64;

    private readonly WebApplication _app;
    private readonly List<LlmFault> _faults = [];
    private readonly Lock _faultsLock = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _callIds;

    private ScriptedLlmServer(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>The OpenAI API base, ending in <c>/v1</c>.</summary>
    public Uri BaseUrl => new(Root, "v1");

    /// <summary>The server's root: Anthropic's SDK adds <c>/v1/messages</c> itself.</summary>
    public Uri Root { get; }

    /// <summary>How long every answer takes.</summary>
    public TimeSpan Latency { get; set; }

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    public ConcurrentQueue<(string? Authorization, JsonObject Body)> EmbeddingRequests { get; } = new();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>A chat agent's text answer, when it returns one; the scripted answer otherwise.</summary>
    public Func<RecordedCall, string?>? ChatText { get; set; }

    /// <summary>A call's own latency, when it returns one; <see cref="Latency"/> otherwise.</summary>
    public Func<RecordedCall, TimeSpan?>? LatencyFor { get; set; }

    /// <summary>Whether a chat agent searches memory before it answers (two calls a turn) or answers at once (one).</summary>
    public bool ChatSearchesFirst { get; set; } = true;

    /// <summary>How long <c>/v1/embeddings</c> takes to answer.</summary>
    public TimeSpan EmbeddingLatency { get; set; }

    /// <summary>The pause before each streamed word.</summary>
    public TimeSpan TokenDelay { get; set; }

    /// <summary>When each stream the client abandoned (its request aborted) was noticed.</summary>
    public ConcurrentQueue<DateTimeOffset> AbortedStreams { get; } = new();

    /// <summary>A test's own fault for a call (an outage over a time window, say), when it returns one; queued faults otherwise.</summary>
    public Func<RecordedCall, LlmFault?>? FaultFor { get; set; }

    /// <summary>A test's own answer for a call, when it returns one; the scripted answer otherwise.</summary>
    public Func<RecordedCall, (string Tool, JsonObject Arguments)?>? Override { get; set; }

    public void Enqueue(params LlmFault[] faults)
    {
        lock (_faultsLock)
        {
            _faults.AddRange(faults);
        }
    }

    /// <summary>Forgets recorded calls, queued faults and the in-flight peak.</summary>
    public void Reset()
    {
        Calls.Clear();
        lock (_faultsLock)
        {
            _faults.Clear();
        }
        Override = null;
        FaultFor = null;
        ChatText = null;
        LatencyFor = null;
        ChatSearchesFirst = true;
        TokenDelay = TimeSpan.Zero;
        EmbeddingLatency = TimeSpan.Zero;
        AbortedStreams.Clear();
        Volatile.Write(ref _maxInFlight, 0);
    }

    public static async Task<ScriptedLlmServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ScriptedLlmServer? server = null;
        app.MapPost("/v1/chat/completions", (Delegate)((HttpContext http) => server!.AnswerAsync(http, ChatProtocol.OpenAi)));
        app.MapPost("/v1/messages", (Delegate)((HttpContext http) => server!.AnswerAsync(http, ChatProtocol.Anthropic)));
        app.MapPost("/v1/embeddings", (Delegate)((HttpContext http) => server!.EmbedAsync(http)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new ScriptedLlmServer(app, new Uri(address));
        return server;
    }

    private async Task<IResult> AnswerAsync(HttpContext http, ChatProtocol protocol)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted))!.AsObject();
        var call = protocol.Read(body, DateTimeOffset.UtcNow);
        Calls.Enqueue(call);
        var now = Interlocked.Increment(ref _inFlight);
        try
        {
            int peak;
            while (now > (peak = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, peak) != peak)
            {
            }
            var latency = LatencyFor?.Invoke(call) ?? Latency;
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, http.RequestAborted);
            }
            var fault = FaultFor?.Invoke(call) ?? TakeFault(call.Tools);
            var id = $"call_{Interlocked.Increment(ref _callIds)}";
            switch (fault?.Kind)
            {
                case LlmFaultKind.RateLimited:
                    http.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return Results.Json(protocol.Error("Rate limit reached", "rate_limit_error"), statusCode: 429);
                case LlmFaultKind.ServerError:
                    return Results.Json(protocol.Error("The server had an error", "api_error"), statusCode: 500);
                case LlmFaultKind.Hang:
                    await Task.Delay(Timeout.InfiniteTimeSpan, http.RequestAborted);
                    return Results.StatusCode(504);
                case LlmFaultKind.Text:
                    return Results.Json(protocol.Text(body, "I think this is worth remembering."));
                case LlmFaultKind.MalformedArguments:
                    return Results.Json(protocol.MalformedToolCall(body, call.Tools[0], id));
            }
            if (call.IsChat)
            {
                return await ChatAsync(http, protocol, body, call, id);
            }
            var (tool, arguments) = Override?.Invoke(call) ?? Script(call.Tools, call.User);
            return call.Stream ? await StreamAsync(http, body, [], (tool, arguments, id)) : Results.Json(protocol.ToolCall(body, tool, arguments, id));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>
    /// A chat agent: first it searches memory for the user's message, then it answers in text quoting what the search
    /// returned (or <see cref="ChatText"/>'s answer), streamed word by word <see cref="TokenDelay"/> apart when asked to stream.
    /// </summary>
    private async Task<IResult> ChatAsync(HttpContext http, ChatProtocol protocol, JsonObject body, RecordedCall call, string id)
    {
        // An agent with a user's memory as tools (Mirix.Client.AI; Semantic Kernel prefixes the plugin's name): it saves
        // what it is told to remember, and recalls before it answers anything else.
        var remember = call.Tools.FirstOrDefault(t => t.EndsWith("remember", StringComparison.Ordinal));
        var recall = call.Tools.FirstOrDefault(t => t.EndsWith("recall", StringComparison.Ordinal));
        if (call.ToolResults.Count == 0 && remember is not null && call.LastUser.StartsWith("Remember that ", StringComparison.Ordinal))
        {
            var fact = new JsonObject { ["text"] = call.LastUser["Remember that ".Length..] };
            return call.Stream ? await StreamAsync(http, body, [], (remember, fact, id)) : Results.Json(protocol.ToolCall(body, remember, fact, id));
        }
        if (call.ToolResults.Count == 0 && recall is not null)
        {
            var query = new JsonObject { ["query"] = call.LastUser };
            return call.Stream ? await StreamAsync(http, body, [], (recall, query, id)) : Results.Json(protocol.ToolCall(body, recall, query, id));
        }
        if (ChatSearchesFirst && call.ToolResults.Count == 0 && call.Tools.Contains("search_in_memory"))
        {
            var search = new JsonObject { ["memory_type"] = "all", ["query"] = call.LastUser, ["search_method"] = "hybrid" };
            return call.Stream ? await StreamAsync(http, body, [], ("search_in_memory", search, id)) : Results.Json(protocol.ToolCall(body, "search_in_memory", search, id));
        }
        var text = ChatText?.Invoke(call) ?? $"You asked: {call.LastUser} From memory: {(call.ToolResults.Count > 0 ? call.ToolResults[^1] : "nothing")}";
        if (!call.Stream)
        {
            return Results.Json(protocol.Text(body, text));
        }
        var words = System.Text.RegularExpressions.Regex.Split(text, @"(?<=\s)").Where(w => w.Length > 0).ToList();
        return await StreamAsync(http, body, words, null);
    }

    /// <summary>An OpenAI chat-completion stream: text deltas, or one tool call, then usage and [DONE].</summary>
    private async Task<IResult> StreamAsync(HttpContext http, JsonObject body, List<string> words, (string Tool, JsonObject Arguments, string Id)? call)
    {
        http.Response.ContentType = "text/event-stream";
        var model = body["model"]?.DeepClone();
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        async Task SendAsync(JsonObject delta, string? finish, JsonObject? usage = null)
        {
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-stream", ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = model?.DeepClone(),
                ["choices"] = usage is not null ? new JsonArray() : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
            };
            if (usage is not null)
            {
                chunk["usage"] = usage;
            }
            await http.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
        }
        try
        {
            await SendAsync(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null);
            if (call is { } c)
            {
                await SendAsync(new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["index"] = 0, ["id"] = c.Id, ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = c.Tool, ["arguments"] = c.Arguments.ToJsonString() },
                    }),
                }, null);
            }
            foreach (var word in words)
            {
                if (TokenDelay > TimeSpan.Zero)
                {
                    await Task.Delay(TokenDelay, http.RequestAborted);
                }
                await SendAsync(new JsonObject { ["content"] = word }, null);
            }
            await SendAsync([], call is null ? "stop" : "tool_calls");
            await SendAsync([], null, new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = words.Count + 1, ["total_tokens"] = words.Count + 11 });
            await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            AbortedStreams.Enqueue(DateTimeOffset.UtcNow);
        }
        return Results.Empty;
    }

    private async Task<IResult> EmbedAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted))!.AsObject();
        EmbeddingRequests.Enqueue((http.Request.Headers.Authorization.ToString(), body));
        if (EmbeddingLatency > TimeSpan.Zero)
        {
            await Task.Delay(EmbeddingLatency, http.RequestAborted);
        }
        var inputs = body["input"] is JsonArray many ? many.Select(i => i!.GetValue<string>()).ToList() : [body["input"]!.GetValue<string>()];
        var base64 = (string?)body["encoding_format"] == "base64";
        var dimensions = (int?)body["dimensions"] ?? EmbeddingDimensions; // text-embedding-3-* shorten their vectors on request
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = Embed(inputs[i], dimensions);
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : new JsonArray([.. vector.Select(v => (JsonNode)v)]),
            });
        }
        return Results.Json(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = body["model"]?.DeepClone(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = inputs.Count, ["total_tokens"] = inputs.Count },
        });
    }

    /// <summary>Words hashed into <paramref name="dimensions"/> buckets, normalised.</summary>
    public static float[] Embed(string text, int dimensions = EmbeddingDimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[dimensions];
        foreach (var word in System.Text.RegularExpressions.Regex.Split(text.ToLowerInvariant(), @"[^\p{L}\p{N}]+").Where(w => w.Length > 0))
        {
            var hash = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes(word))
            {
                hash = unchecked((hash ^ b) * 16777619u);
            }
            vector[hash % (uint)dimensions] += 1;
        }
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm == 0)
        {
            vector[0] = 1;
            return vector;
        }
        return [.. vector.Select(v => v / norm)];
    }

    private static (string Tool, JsonObject Arguments) Script(IReadOnlyList<string> tools, string user)
    {
        var content = ScriptedAnswers.Content(user);
        if (tools.Contains(ScriptedAnswers.TopicTool))
        {
            return (ScriptedAnswers.TopicTool, ScriptedAnswers.TopicAndTime(content));
        }
        if (tools.Contains("trigger_memory_update"))
        {
            var types = ScriptedAnswers.Route(content);
            return types.Count == 0
                ? ("finish_memory_update", [])
                : ("trigger_memory_update", new JsonObject
                {
                    ["memory_types"] = new JsonArray([.. types.Select(t => (JsonNode)t)]),
                    ["topics"] = ScriptedAnswers.Topics(content),
                });
        }
        return ScriptedAnswers.ForAgent([.. tools], content) ?? ("finish_memory_update", []);
    }

    private LlmFault? TakeFault(IReadOnlyList<string> tools)
    {
        // Faults for one tool wait for a request offering it. Concurrent agents take faults at once: a lock keeps one
        // agent's scan from hiding another's fault.
        lock (_faultsLock)
        {
            var index = _faults.FindIndex(f => f.ForTool is null || tools.Contains(f.ForTool));
            if (index < 0)
            {
                return null;
            }
            var fault = _faults[index];
            _faults.RemoveAt(index);
            return fault;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One request as the server saw it: the offered tools, the system prompt, the first user turn, the images sent.</summary>
public sealed record RecordedCall(IReadOnlyList<string> Tools, string System, string User, int MessageCount, DateTimeOffset At, int Images = 0)
{
    public bool IsMeta => Tools.Contains("trigger_memory_update");

    /// <summary>A chat agent's call: memory tools to read, none to write or finish (or no tools on its last step).</summary>
    public bool IsChat => !Tools.Contains("finish_memory_update") && !Tools.Contains(ScriptedAnswers.TopicTool);

    /// <summary>The latest user turn (the chat message), where <see cref="User"/> is the first.</summary>
    public string LastUser { get; init; } = "";

    /// <summary>The tool results sent back so far, in order.</summary>
    public IReadOnlyList<string> ToolResults { get; init; } = [];

    public bool Stream { get; init; }
}
