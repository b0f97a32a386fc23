using Mirix.Core.Retrieval;

namespace Mirix.IntegrationTests.Retrieval;

public sealed class QueryEmbeddingCacheTests
{
    [Fact]
    public async Task A_repeated_query_is_embedded_once_per_model()
    {
        using var cache = new QueryEmbeddingCache();
        var embedded = 0;
        Task<float[]> Embed()
        {
            embedded++;
            return Task.FromResult(new[] { (float)embedded });
        }

        var first = await cache.GetOrAddAsync("model-a", "where are my keys", Embed);
        var again = await cache.GetOrAddAsync("model-a", "where are my keys", Embed);
        var otherModel = await cache.GetOrAddAsync("model-b", "where are my keys", Embed);
        var otherQuery = await cache.GetOrAddAsync("model-a", "where is my wallet", Embed);

        Assert.Equal(3, embedded);
        Assert.Same(first, again);
        Assert.NotEqual(first, otherModel);
        Assert.NotEqual(first, otherQuery);
    }
}
