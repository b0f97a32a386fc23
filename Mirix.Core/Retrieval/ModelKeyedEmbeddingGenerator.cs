using Microsoft.Extensions.AI;

namespace Mirix.Core.Retrieval;

/// <summary>
/// Reports the model id stored with each vector as <c>model:dimensions</c> when dimensions are configured, so vectors of
/// one model at two sizes are never compared with each other.
/// </summary>
internal sealed class ModelKeyedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, string modelKey)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) && base.GetService(serviceType) is EmbeddingGeneratorMetadata metadata)
        {
            return new EmbeddingGeneratorMetadata(metadata.ProviderName, metadata.ProviderUri, modelKey, metadata.DefaultModelDimensions);
        }
        return base.GetService(serviceType, serviceKey);
    }
}
