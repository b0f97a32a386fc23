using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenAI;

namespace Mirix.Core.Retrieval;

public static class EmbeddingRegistration
{
    private const string OpenAiServiceKey = "mirix-openai-embeddings";

    /// <summary>
    /// The embedding generator of <see cref="EmbeddingOptions.Provider"/>: the local model, an OpenAI-compatible endpoint
    /// through Semantic Kernel's OpenAI connector, or none (text search only).
    /// </summary>
    public static void AddMirixEmbeddings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = EmbeddingOptions.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(options);
        switch (options.Provider)
        {
            case "local":
                builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, LocalEmbeddingGenerator>();
                break;
            case "openai":
                // Local servers (Ollama, vLLM) ignore the key, but the client insists on one.
                var client = new OpenAIClient(new ApiKeyCredential(options.ApiKey ?? "not-needed"), new OpenAIClientOptions { Endpoint = options.Endpoint });
#pragma warning disable SKEXP0010 // SK marks the OpenAIClient overload (a custom endpoint) experimental; it is the documented way to reach compatible servers
                builder.Services.AddOpenAIEmbeddingGenerator(options.Model!, client, options.Dimensions, serviceId: OpenAiServiceKey);
#pragma warning restore SKEXP0010
                builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => new ModelKeyedEmbeddingGenerator(
                    sp.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(OpenAiServiceKey),
                    options.Dimensions is { } dims ? $"{options.Model}:{dims}" : options.Model!));
                break;
        }
        builder.Services.AddSingleton<QueryEmbeddingCache>();
        builder.Services.AddSingleton<PrefetchedEmbeddings>();
        builder.Services.AddScoped<MemoryIndexer>();
        builder.Services.AddSingleton<FullText.CommonLexemes>();
        builder.Services.AddSingleton<FullText.SqliteCommonTerms>();
        var termIndexMaxDocuments = builder.Configuration.GetValue(FullText.TermIndexCache.MaxDocumentsKey, FullText.TermIndexCache.DefaultMaxDocuments);
        builder.Services.AddSingleton(sp => new FullText.TermIndexCache(sp.GetRequiredService<TimeProvider>(), termIndexMaxDocuments));
        builder.Services.AddSingleton<FullText.RankedIndexAvailability>();
        builder.Services.AddScoped<FullText.FullTextSearch>();
        builder.Services.AddSingleton<Vector.PgVectorAvailability>();
        builder.Services.AddScoped<Vector.PgVectorSearch>();
        builder.Services.AddSingleton<Vector.VectorSetCache>();
        builder.Services.AddScoped<MemorySearch>();
        builder.Services.AddSingleton<ReembeddingStatus>();
        if (options.Provider != "none" && builder.Configuration.GetValue(Storage.MirixRuntime.HostWorkersKey, true))
        {
            builder.Services.AddHostedService<ReembeddingJob>();
            builder.Services.AddHealthChecks().AddCheck<EmbeddingsHealthCheck>("embeddings");
        }
    }
}
