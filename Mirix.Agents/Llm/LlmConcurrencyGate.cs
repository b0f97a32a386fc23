using System.Collections.Concurrent;

namespace Mirix.Agents.Llm;

/// <summary>
/// Bounds LLM calls in flight, per organization and overall. Callers wait in an async queue (<see cref="SemaphoreSlim.WaitAsync(CancellationToken)"/>),
/// never on a thread, so a burst of adds holds no thread-pool threads while it waits for the model.
/// </summary>
public sealed class LlmConcurrencyGate(LlmOptions options) : IDisposable
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
        Interlocked.Increment(ref _waiting);
        try
        {
            // The organization's slot first: a tenant over its share waits without holding a global slot.
            await organization.WaitAsync(ct);
            try
            {
                await _global.WaitAsync(ct);
            }
            catch
            {
                organization.Release();
                throw;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        Interlocked.Increment(ref _inFlight);
        return new Lease(this, organization);
    }

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
