namespace Mirix.Core.Ingestion;

/// <summary>
/// Requests carrying the same idempotency key take turns in this process, so the second finds the first's operation
/// instead of racing it to the unique index (which the database would refuse with an error logged per request). Across
/// processes the index still decides; this only keeps the common case quiet. Waiting is async; idle keys are forgotten.
/// </summary>
public sealed class IdempotencyGate
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Holders)> _keys = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string key, CancellationToken ct)
    {
        SemaphoreSlim gate;
        lock (_keys)
        {
            var entry = _keys.TryGetValue(key, out var known) ? known : (Gate: new SemaphoreSlim(1, 1), Holders: 0);
            _keys[key] = (entry.Gate, entry.Holders + 1);
            gate = entry.Gate;
        }
        try
        {
            await gate.WaitAsync(ct);
        }
        catch
        {
            Leave(key, entered: false);
            throw;
        }
        return new Turn(this, key);
    }

    private void Leave(string key, bool entered)
    {
        lock (_keys)
        {
            var (gate, holders) = _keys[key];
            if (entered)
            {
                gate.Release();
            }
            if (holders == 1)
            {
                _keys.Remove(key);
                gate.Dispose();
            }
            else
            {
                _keys[key] = (gate, holders - 1);
            }
        }
    }

    private sealed class Turn(IdempotencyGate owner, string key) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                owner.Leave(key, entered: true);
            }
        }
    }
}
