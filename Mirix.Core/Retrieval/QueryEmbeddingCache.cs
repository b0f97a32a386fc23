using Microsoft.Extensions.Caching.Memory;

namespace Mirix.Core.Retrieval;

/// <summary>
/// Query vectors by (model, text): readers repeat queries (a topic per turn, a dashboard's search box), and embedding a
/// query costs milliseconds of CPU or an API call. Bounded in entries and idle time; memory texts are never cached here.
/// </summary>
public sealed class QueryEmbeddingCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>
    /// The cached vector, or one embedding shared by every concurrent caller of the same query (a hundred users asking
    /// at once cost one embedding, not a hundred); a failed embedding is not kept.
    /// </summary>
    public async Task<float[]> GetOrAddAsync(string model, string query, Func<Task<float[]>> embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        var key = (model, query);
        TaskCompletionSource<float[]>? mine = null;
        Task<float[]> pending;
        lock (_cache)
        {
            if (!_cache.TryGetValue(key, out Task<float[]>? cached) || cached is null || cached.IsFaulted || cached.IsCanceled)
            {
                mine = new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                cached = mine.Task;
                _cache.Set(key, cached, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
            }
            pending = cached;
        }
        if (mine is not null)
        {
            // This caller embeds, outside the lock; the others await its result.
            try
            {
                mine.SetResult(await embed());
            }
            catch (Exception e)
            {
                _cache.Remove(key);
                mine.SetException(e);
            }
        }
        return await pending;
    }

    /// <summary>Forgets every query: the search-latency benchmark measures each cell's queries embedded anew.</summary>
    public void Clear() => _cache.Compact(1.0);

    public void Dispose() => _cache.Dispose();
}
