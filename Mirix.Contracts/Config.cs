namespace Mirix.Contracts;

/// <summary>MIRIX's <c>LLMConfig</c>; <c>handle</c> is the name a client's <c>llm_config.model</c> may use to pick it.</summary>
public sealed record LlmConfigView(string Model, string ModelEndpointType, string ModelEndpoint, int ContextWindow, string Handle, bool AcceptsImages);

/// <summary>MIRIX's <c>EmbeddingConfig</c>.</summary>
public sealed record EmbeddingConfigView(string EmbeddingEndpointType, string? EmbeddingEndpoint, string EmbeddingModel, int EmbeddingDim, int EmbeddingChunkSize);
