using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mirix.Core.Retrieval;

public static class EmbeddingRegistration
{
    /// <summary>
    /// <c>Mirix:Embeddings:Provider</c>: <c>local</c> (default; all-MiniLM-L6-v2 in process, offline) or <c>none</c>
    /// (text search only). OpenAI-compatible endpoints come with the LLM layer.
    /// </summary>
    public static void AddMirixEmbeddings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var provider = builder.Configuration["Mirix:Embeddings:Provider"] ?? "local";
        switch (provider.ToLowerInvariant())
        {
            case "local":
                builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, LocalEmbeddingGenerator>();
                break;
            case "none":
                break;
            default:
                throw new InvalidOperationException($"Mirix:Embeddings:Provider '{provider}' is not one of local, none.");
        }
        builder.Services.AddSingleton<QueryEmbeddingCache>();
        builder.Services.AddScoped<MemoryIndexer>();
        builder.Services.AddScoped<MemorySearch>();
    }
}
