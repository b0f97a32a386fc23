using Mirix.Core.Retrieval;

namespace Mirix.Agents.Tests;

/// <summary>
/// The batcher that embeds concurrent searches' questions together: batches form from what waits while one runs, each
/// caller gets its own result, and neither a cancelled caller nor a failed batch stalls the line.
/// </summary>
public sealed class CombiningBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A batch function whose batches the test holds open and releases one at a time.</summary>
    private sealed class HeldBatches
    {
        private readonly Queue<TaskCompletionSource> _releases = new();
        private readonly SemaphoreSlim _started = new(0);

        public List<List<int>> Batches { get; } = [];

        public Exception? FailNext { get; set; }

        public async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<int> items, CancellationToken ct)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_releases)
            {
                Batches.Add([.. items]);
                _releases.Enqueue(release);
            }
            _started.Release();
            await release.Task;
            if (FailNext is { } failure)
            {
                FailNext = null;
                throw failure;
            }
            return [.. items.Select(i => $"result {i}")];
        }

        /// <summary>Waits for the next batch to start, then lets it finish.</summary>
        public async Task ReleaseNextAsync()
        {
            Assert.True(await _started.WaitAsync(Patience), "no batch started");
            lock (_releases)
            {
                _releases.Dequeue().SetResult();
            }
        }

        public async Task StartedAsync()
        {
            Assert.True(await _started.WaitAsync(Patience), "no batch started");
            _started.Release();
        }
    }

    /// <summary>A batcher whose first batch (item 0) is running and held, so the items given next wait.</summary>
    private static async Task<(HeldBatches Batches, CombiningBatcher<int, string> Batcher, Task<string> First)> BusyAsync(int maxBatch)
    {
        var batches = new HeldBatches();
        var batcher = new CombiningBatcher<int, string>(batches.RunAsync, maxBatch);
        var first = batcher.RunAsync(0, CancellationToken.None);
        await batches.StartedAsync();
        return (batches, batcher, first);
    }

    [Fact]
    public async Task A_lone_item_runs_at_once_in_a_batch_of_its_own()
    {
        var batches = new HeldBatches();
        var batcher = new CombiningBatcher<int, string>(batches.RunAsync, maxBatch: 8);

        var result = batcher.RunAsync(1, CancellationToken.None);
        await batches.ReleaseNextAsync();

        Assert.Equal("result 1", await result.WaitAsync(Patience));
        Assert.Equal([[1]], batches.Batches);
    }

    [Fact]
    public async Task Items_that_arrive_during_a_batch_run_together_next_at_most_max_batch_at_a_time()
    {
        var (batches, batcher, first) = await BusyAsync(maxBatch: 4);

        var waiting = Enumerable.Range(1, 6).Select(i => batcher.RunAsync(i, CancellationToken.None)).ToList();
        for (var i = 0; i < 3; i++)
        {
            await batches.ReleaseNextAsync();
        }

        Assert.Equal("result 0", await first.WaitAsync(Patience));
        for (var i = 0; i < waiting.Count; i++)
        {
            Assert.Equal($"result {i + 1}", await waiting[i].WaitAsync(Patience));
        }
        Assert.Equal([[0], [1, 2, 3, 4], [5, 6]], batches.Batches);
    }

    [Fact]
    public async Task A_caller_cancelled_while_waiting_leaves_and_the_others_still_run()
    {
        var (batches, batcher, first) = await BusyAsync(maxBatch: 8);
        using var cancellation = new CancellationTokenSource();

        var cancelled = batcher.RunAsync(1, cancellation.Token);
        var kept = batcher.RunAsync(2, CancellationToken.None);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        await batches.ReleaseNextAsync();
        await batches.ReleaseNextAsync();
        Assert.Equal("result 0", await first.WaitAsync(Patience));
        Assert.Equal("result 2", await kept.WaitAsync(Patience));
        Assert.Equal([[0], [2]], batches.Batches);
    }

    [Fact]
    public async Task A_leader_cancelled_during_its_batch_still_gives_the_others_their_results()
    {
        var (batches, batcher, first) = await BusyAsync(maxBatch: 8);
        using var cancellation = new CancellationTokenSource();

        var leader = batcher.RunAsync(1, cancellation.Token);
        var follower = batcher.RunAsync(2, CancellationToken.None);
        await batches.ReleaseNextAsync();
        await batches.StartedAsync();
        await cancellation.CancelAsync();
        await batches.ReleaseNextAsync();

        Assert.Equal("result 0", await first.WaitAsync(Patience));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader.WaitAsync(Patience));
        Assert.Equal("result 2", await follower.WaitAsync(Patience));
        Assert.Equal([[0], [1, 2]], batches.Batches);
    }

    [Fact]
    public async Task A_failed_batch_fails_its_items_and_the_next_batch_runs()
    {
        var (batches, batcher, first) = await BusyAsync(maxBatch: 2);

        var failing = new[] { batcher.RunAsync(1, CancellationToken.None), batcher.RunAsync(2, CancellationToken.None) };
        var later = batcher.RunAsync(3, CancellationToken.None);
        await batches.ReleaseNextAsync();
        await batches.StartedAsync();
        batches.FailNext = new InvalidOperationException("model failed");
        await batches.ReleaseNextAsync();
        await batches.ReleaseNextAsync();

        Assert.Equal("result 0", await first.WaitAsync(Patience));
        foreach (var failed in failing)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failed.WaitAsync(Patience));
            Assert.Equal("model failed", error.Message);
        }
        Assert.Equal("result 3", await later.WaitAsync(Patience));
        Assert.Equal([[0], [1, 2], [3]], batches.Batches);
    }
}
