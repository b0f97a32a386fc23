using System.Collections.Concurrent;

namespace Mirix.Agents.Llm;

/// <summary>
/// Bounds LLM calls in flight, per organization and overall. Callers wait in an async queue (<see cref="SemaphoreSlim.WaitAsync(CancellationToken)"/>),
/// never on a thread, so a burst of adds holds no thread-pool threads while it waits for the model. The queue is bounded
/// in length (<see cref="LlmOptions.MaxWaiting"/>) and in time (<see cref="LlmOptions.MaxWait"/>, on <see cref="TimeProvider"/>):
/// beyond either a call is refused with <see cref="LlmOverloadedException"/>, which callers answer with 503 and Retry-After.
/// </summary>
public sealed class LlmConcurrencyGate(LlmOptions options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _global = new(options.MaxConcurrency, options.MaxConcurrency);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _organizations = new(StringComparer.Ordinal);
    private int _waiting;
    private int _inFlight;

    public int Waiting => Volatile.Read(ref _waiting);

    public int InFlight => Volatile.Read(ref _inFlight);

    public async Task<Lease> EnterAsync(string organizationId, CancellationToken ct)
    {
        var organization = _organizations.GetOrAdd(organizationId, _ => new SemaphoreSlim(options.MaxConcurrencyPerOrganization, options.MaxConcurrencyPerOrganization));
        if (Interlocked.Increment(ref _waiting) > options.MaxWaiting && (organization.CurrentCount == 0 || _global.CurrentCount == 0))
        {
            Interlocked.Decrement(ref _waiting);
            throw new LlmOverloadedException($"{options.MaxWaiting} model calls are already waiting for a slot.", RetryAfter);
        }
        using var patience = new CancellationTokenSource(options.MaxWait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, patience.Token);
        try
        {
            // The organization's slot first: a tenant over its share waits without holding a global slot.
            await organization.WaitAsync(linked.Token);
            try
            {
                await _global.WaitAsync(linked.Token);
            }
            catch
            {
                organization.Release();
                throw;
            }
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new LlmOverloadedException($"No model slot came free within {options.MaxWait.TotalSeconds:0} s.", RetryAfter, e);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        Interlocked.Increment(ref _inFlight);
        return new Lease(this, organization);
    }

    /// <summary>What a refused caller is told to wait: long enough for the calls in flight to make progress.</summary>
    private static TimeSpan RetryAfter => TimeSpan.FromSeconds(5);

    public void Dispose()
    {
        _global.Dispose();
        foreach (var organization in _organizations.Values)
        {
            organization.Dispose();
        }
    }

    public readonly struct Lease(LlmConcurrencyGate gate, SemaphoreSlim organization) : IDisposable
    {
        public void Dispose()
        {
            Interlocked.Decrement(ref gate._inFlight);
            gate._global.Release();
            organization.Release();
        }
    }
}

/// <summary>Too many model calls are in flight or waiting: the caller should come back after <see cref="RetryAfter"/>.</summary>
public sealed class LlmOverloadedException : Exception, Mirix.Core.Ingestion.IDependencyFailure
{
    /// <summary>Always: the model's capacity is used up for now, which waiting fixes.</summary>
    public bool IsOutage => true;

    public LlmOverloadedException(string message, TimeSpan retryAfter, Exception? inner = null) : base(message, inner) => RetryAfter = retryAfter;
    public LlmOverloadedException() { }
    public LlmOverloadedException(string message) : base(message) { }
    public LlmOverloadedException(string message, Exception inner) : base(message, inner) { }

    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(5);
}
