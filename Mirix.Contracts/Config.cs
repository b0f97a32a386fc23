namespace Mirix.Contracts;

/// <summary>MIRIX's <c>LLMConfig</c>; <c>handle</c> is the name a client's <c>llm_config.model</c> may use to pick it.</summary>
public sealed record LlmConfigView(string Model, string ModelEndpointType, string ModelEndpoint, int ContextWindow, string Handle, bool AcceptsImages);

/// <summary>MIRIX's <c>EmbeddingConfig</c>.</summary>
public sealed record EmbeddingConfigView(string EmbeddingEndpointType, string? EmbeddingEndpoint, string EmbeddingModel, int EmbeddingDim, int EmbeddingChunkSize);

/// <summary><c>GET /health</c> as MIRIX answers it (<c>status</c>, <c>service</c>), plus the version and each check; an unhealthy server answers 503 with the same body.</summary>
public sealed record HealthReport(string Status, string Service, string Version, IReadOnlyDictionary<string, HealthCheckReport> Checks);

public sealed record HealthCheckReport(string Status, string? Description);
