using Microsoft.Extensions.Caching.Memory;

namespace Mirix.Core.Retrieval;

/// <summary>
/// Query vectors by (model, text): readers repeat queries (a topic per turn, a dashboard's search box), and embedding a
/// query costs milliseconds of CPU or an API call. Bounded in entries and idle time; memory texts are never cached here.
/// </summary>
public sealed class QueryEmbeddingCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public async Task<float[]> GetOrAddAsync(string model, string query, Func<Task<float[]>> embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        if (_cache.TryGetValue((model, query), out float[]? cached) && cached is not null)
        {
            return cached;
        }
        var vector = await embed();
        _cache.Set((model, query), vector, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return vector;
    }

    public void Dispose() => _cache.Dispose();
}
