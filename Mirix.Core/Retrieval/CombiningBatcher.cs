namespace Mirix.Core.Retrieval;

/// <summary>
/// Runs single items in batches formed by load alone: an item that arrives while no batch runs starts one at once, so a
/// lone caller waits for nothing; items that arrive while a batch runs wait, and the oldest of them then runs the next
/// batch with up to <c>maxBatch</c> - 1 of the others. No timer and no thread of its own: each batch runs on the caller
/// that leads it, which hands the lead to the oldest waiter when it is done.
/// A caller cancelled while waiting leaves at once; one whose item is in a running batch gets its result when that ends.
/// </summary>
public sealed class CombiningBatcher<TItem, TResult>
{
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> _run;
    private readonly int _maxBatch;
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiting> _waiting = new();
    private bool _running;

    /// <param name="run">Runs one batch: one result per item, in the items' order.</param>
    /// <param name="maxBatch">The most items one batch holds.</param>
    public CombiningBatcher(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> run, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _run = run;
        _maxBatch = maxBatch;
    }

    /// <summary>A waiting item; its outcome is its result, or the lead of the next batch (<c>Lead</c>).</summary>
    private sealed class Waiting(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<(TResult? Value, bool Lead)> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiting>? Node { get; set; }
    }

    /// <summary>The result of <paramref name="item"/>, run in the next batch.</summary>
    public async Task<TResult> RunAsync(TItem item, CancellationToken ct)
    {
        var me = new Waiting(item);
        bool lead;
        lock (_gate)
        {
            lead = !_running;
            _running = true;
            if (!lead)
            {
                me.Node = _waiting.AddLast(me);
            }
        }
        if (!lead)
        {
            (TResult? Value, bool Lead) outcome;
            using (ct.Register(() => Leave(me, ct)))
            {
                outcome = await me.Outcome.Task;
            }
            if (!outcome.Lead)
            {
                return outcome.Value!;
            }
        }
        return await LeadAsync(me, ct);
    }

    /// <summary>A cancelled caller leaves only while it waits in line: once taken into a batch or given the lead, it stays.</summary>
    private void Leave(Waiting me, CancellationToken ct)
    {
        lock (_gate)
        {
            if (me.Node?.List is null)
            {
                return;
            }
            _waiting.Remove(me.Node);
        }
        me.Outcome.TrySetCanceled(ct);
    }

    /// <summary>
    /// Runs <paramref name="me"/> with the oldest waiters, hands them their results, then the lead to the next waiter.
    /// The batch runs whole whatever the leader's token says: the others wait on it too.
    /// </summary>
    private async Task<TResult> LeadAsync(Waiting me, CancellationToken ct)
    {
        var batch = new List<Waiting> { me };
        lock (_gate)
        {
            while (batch.Count < _maxBatch && _waiting.First is { } next)
            {
                _waiting.RemoveFirst();
                batch.Add(next.Value);
            }
        }
        try
        {
            var results = await _run([.. batch.Select(w => w.Item)], CancellationToken.None);
            if (results.Count != batch.Count)
            {
                throw new InvalidOperationException($"A batch of {batch.Count} items gave {results.Count} results.");
            }
            for (var i = 1; i < batch.Count; i++)
            {
                batch[i].Outcome.TrySetResult((results[i], false));
            }
            ct.ThrowIfCancellationRequested();
            return results[0];
        }
        catch (Exception e)
        {
            // Items that already have their results keep them: a completed outcome ignores this.
            foreach (var other in batch.Skip(1))
            {
                other.Outcome.TrySetException(e);
            }
            throw;
        }
        finally
        {
            PassTheLead();
        }
    }

    private void PassTheLead()
    {
        Waiting? next;
        lock (_gate)
        {
            next = _waiting.First?.Value;
            if (next is null)
            {
                _running = false;
                return;
            }
            _waiting.RemoveFirst();
        }
        next.Outcome.TrySetResult((default, true));
    }
}
