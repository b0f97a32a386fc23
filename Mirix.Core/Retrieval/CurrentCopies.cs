using System.Collections.Concurrent;

namespace Mirix.Core.Retrieval;

/// <summary>
/// In-process copies of a user's data (a vector set, a term index) kept current by a generation the caller reads from
/// the database at each use: a copy of that generation is returned as it is; otherwise one caller per key at a time
/// brings the copy up to date from the one it has, while the others wait for it. Copies are evicted, least recently used
/// first, beyond <paramref name="maxBytes"/>.
/// </summary>
internal sealed class CurrentCopies<TKey, TGeneration, TCopy>(TimeProvider time, long maxBytes, Func<TCopy, long> bytesOf)
    where TKey : notnull
    where TGeneration : IEquatable<TGeneration>
    where TCopy : class
{
    public sealed record Copy(TGeneration Generation, TCopy Value);

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public Copy? Current { get; set; }
        public long LastUsed { get; set; }
    }

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    /// <summary>What the copies hold, as <c>bytesOf</c> counts it.</summary>
    public long Bytes => _entries.Values.Sum(e => e.Current is { } copy ? bytesOf(copy.Value) : 0);

    /// <summary>
    /// The copy of <paramref name="key"/> as of <paramref name="generation"/>: the cached one when it is of that
    /// generation, else what <paramref name="refreshAsync"/> makes from the cached copy (null when there is none).
    /// </summary>
    public async Task<TCopy> GetAsync(TKey key, TGeneration generation, Func<Copy?, Task<TCopy>> refreshAsync, CancellationToken ct)
    {
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        entry.LastUsed = time.GetTimestamp();
        if (entry.Current is { } fresh && fresh.Generation.Equals(generation))
        {
            return fresh.Value;
        }
        Copy current;
        await entry.Gate.WaitAsync(ct);
        try
        {
            if (entry.Current is { } known && known.Generation.Equals(generation))
            {
                return known.Value;
            }
            current = new Copy(generation, await refreshAsync(entry.Current));
            entry.Current = current;
        }
        finally
        {
            entry.Gate.Release();
        }
        Evict();
        return current.Value;
    }

    private void Evict()
    {
        var total = Bytes;
        foreach (var (key, entry) in _entries.OrderBy(e => e.Value.LastUsed))
        {
            if (total <= maxBytes)
            {
                return;
            }
            if (_entries.TryRemove(key, out var removed) && removed.Current is { } copy)
            {
                total -= bytesOf(copy.Value);
            }
        }
    }
}
