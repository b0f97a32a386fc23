using System.ClientModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.AI;
using Mirix.Core.Ingestion;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Mirix.Agents.Llm;

/// <summary>
/// Every LLM call of the agents goes through here: the organization's and the global concurrency limits, then a Polly
/// pipeline on <see cref="TimeProvider"/> (retries with exponential back-off that honour <c>Retry-After</c> where the
/// client exposes it (OpenAI-compatible servers), a circuit
/// breaker, a time-out per attempt). The chat clients themselves retry nothing, so this is the one policy.
/// </summary>
public sealed class LlmGateway
{
    public const string TelemetryName = "Mirix.Llm";
    private static readonly Meter Meter = new(TelemetryName);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("mirix.llm.calls", description: "LLM calls by model and outcome");
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("mirix.llm.tokens", description: "Tokens by model and direction");

    private readonly LlmModelCatalog _models;
    private readonly LlmConcurrencyGate _gate;
    private readonly ResiliencePipeline<ChatResponse> _pipeline;
    private readonly LlmOptions _options;
    private readonly TimeProvider _time;

    public LlmGateway(LlmModelCatalog models, LlmConcurrencyGate gate, LlmOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _models = models;
        _gate = gate;
        _options = options;
        _time = time;
        var transient = new PredicateBuilder<ChatResponse>().Handle<Exception>(IsTransient);
        _pipeline = new ResiliencePipelineBuilder<ChatResponse> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<ChatResponse>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception, options.RetryMaxDelay)),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ChatResponse>
            {
                ShouldHandle = transient,
                FailureRatio = options.BreakFailureRatio,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.Timeout)
            .Build();
    }

    public bool IsConfigured => !_models.IsEmpty;

    public LlmConcurrencyGate Gate => _gate;

    public LlmModel Resolve(string? requestedModel) => _models.Resolve(requestedModel);

    /// <summary>One chat completion for <paramref name="organizationId"/> on <paramref name="model"/>.</summary>
    public async Task<ChatResponse> CompleteAsync(
        string organizationId, LlmModel model, IReadOnlyList<ChatMessage> messages, ChatOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tags = new TagList { { "gen_ai.request.model", model.ModelId } };
        try
        {
            var response = await _pipeline.ExecuteAsync(async token =>
            {
                using var lease = await _gate.EnterAsync(organizationId, token);
                return await model.Client.GetResponseAsync(messages, options, token);
            }, ct);
            tags.Add("outcome", "ok");
            Calls.Add(1, tags);
            Tokens.Add(response.Usage?.InputTokenCount ?? 0, new TagList { { "gen_ai.request.model", model.ModelId }, { "gen_ai.token.type", "input" } });
            Tokens.Add(response.Usage?.OutputTokenCount ?? 0, new TagList { { "gen_ai.request.model", model.ModelId }, { "gen_ai.token.type", "output" } });
            return response;
        }
        catch (Exception e) when (e is not LlmOverloadedException && (e is not OperationCanceledException || !ct.IsCancellationRequested))
        {
            tags.Add("outcome", e.GetType().Name);
            Calls.Add(1, tags);
            throw new LlmCallFailedException(Describe(e), e);
        }
    }

    /// <summary>
    /// One streamed chat completion. The slot is held while the stream is read; a failure before the first update is
    /// retried like a call (back-off on <see cref="TimeProvider"/>, Retry-After honoured) unless it is a time-out, one
    /// after it is not (the caller has already shown part of the answer). <see cref="LlmOptions.Timeout"/> bounds the wait for each update, so a
    /// model that stops mid-answer fails instead of holding the request.
    /// </summary>
    public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        string organizationId, LlmModel model, IReadOnlyList<ChatMessage> messages, ChatOptions options,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var lease = await _gate.EnterAsync(organizationId, ct);
        for (var attempt = 1; ; attempt++)
        {
            using var deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
            var updates = model.Client.GetStreamingResponseAsync(messages, options, linked.Token).GetAsyncEnumerator(linked.Token);
            Exception? failure = null;
            var started = false;
            try
            {
                while (true)
                {
                    deadline.CancelAfter(_options.Timeout);
                    (var more, failure) = await NextAsync(updates, ct);
                    if (failure is not null || !more)
                    {
                        break;
                    }
                    started = true;
                    yield return updates.Current;
                }
            }
            finally
            {
                await updates.DisposeAsync();
            }
            var tags = new TagList { { "gen_ai.request.model", model.ModelId }, { "outcome", failure?.GetType().Name ?? "ok" } };
            Calls.Add(1, tags);
            if (failure is null)
            {
                yield break;
            }
            // A time-out is not retried: the caller is waiting, and a second wait as long would double its time to the 504.
            if (started || attempt >= _options.MaxAttempts || !IsTransient(failure) || failure is TimeoutRejectedException)
            {
                throw new LlmCallFailedException(Describe(failure), failure);
            }
            var backoff = TimeSpan.FromTicks(Math.Min(_options.RetryMaxDelay.Ticks, _options.RetryBaseDelay.Ticks << Math.Min(attempt - 1, 16)));
            await Task.Delay(RetryAfter(failure, _options.RetryMaxDelay) ?? backoff, _time, ct);
        }
    }

    /// <summary>The next update, or the failure that ended the stream (a time-out as <see cref="TimeoutRejectedException"/>).</summary>
    private static async Task<(bool More, Exception? Failure)> NextAsync(IAsyncEnumerator<ChatResponseUpdate> updates, CancellationToken ct)
    {
        try
        {
            return (await updates.MoveNextAsync(), null);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            return (false, new TimeoutRejectedException("The model sent nothing within the time-out.", e));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (false, e);
        }
    }

    /// <summary>Worth another try: rate limits, server errors, time-outs and broken connections; not bad requests or auth.</summary>
    internal static bool IsTransient(Exception e) => e switch
    {
        ClientResultException { Status: 408 or 409 or 429 or >= 500 } => true,
        ClientResultException { Status: 0 } => true, // no response at all
        Anthropic.Exceptions.AnthropicRateLimitException or Anthropic.Exceptions.Anthropic5xxException
            or Anthropic.Exceptions.AnthropicRequestTimeoutException or Anthropic.Exceptions.AnthropicConflictException
            or Anthropic.Exceptions.AnthropicIOException => true,
        HttpRequestException => true,
        TimeoutRejectedException => true,
        _ => false,
    };

    /// <summary>The server's Retry-After (seconds or an HTTP date) when it sent one, capped; null lets the back-off decide.</summary>
    internal static TimeSpan? RetryAfter(Exception? e, TimeSpan cap)
    {
        if (e is not ClientResultException result || result.GetRawResponse() is not { } response
            || !response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, cap.TotalSeconds));
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            var wait = at - DateTimeOffset.UtcNow;
            return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait < cap ? wait : cap;
        }
        return null;
    }

    private static string Describe(Exception e) => e switch
    {
        ClientResultException r => $"the model server answered {r.Status}{(r.Status == (int)HttpStatusCode.TooManyRequests ? " (rate limited)" : "")}: {Trim(r.Message)}",
        Anthropic.Exceptions.AnthropicApiException a => $"the model server answered {(int)a.StatusCode}: {Trim(a.Message)}",
        TimeoutRejectedException => "the model did not answer in time",
        BrokenCircuitException => "calls to the model are paused after repeated failures",
        HttpRequestException h => "the model server could not be reached: " + Trim(h.Message),
        _ => $"{e.GetType().Name}: {Trim(e.Message)}",
    };

    private static string Trim(string text) => text.Length <= 300 ? text : text[..300];
}

/// <summary>An LLM call failed after the retries its failure allowed.</summary>
public sealed class LlmCallFailedException : Exception, IDependencyFailure
{
    /// <summary>Whether the model did not answer in time (a 504 to a waiting caller), rather than answering with an error (a 502).</summary>
    public bool TimedOut => InnerException is TimeoutRejectedException;

    /// <summary>
    /// Rate limited, unreachable, not answering, overloaded or paused by the circuit breaker: the model server is out of
    /// service for now. A 500 or a refused request is not: retrying the same input forever would not help.
    /// </summary>
    public bool IsOutage => InnerException switch
    {
        TimeoutRejectedException or BrokenCircuitException or HttpRequestException => true,
        ClientResultException r => r.Status is 0 or 408 or 429 or 502 or 503 or 504,
        Anthropic.Exceptions.AnthropicRateLimitException or Anthropic.Exceptions.AnthropicRequestTimeoutException
            or Anthropic.Exceptions.AnthropicIOException => true,
        Anthropic.Exceptions.Anthropic5xxException a => (int)a.StatusCode is 502 or 503 or 504,
        _ => false,
    };

    public LlmCallFailedException(string message, Exception inner) : base("LLM call failed: " + message, inner) { }
    public LlmCallFailedException(string message) : base(message) { }
    public LlmCallFailedException() { }
}
