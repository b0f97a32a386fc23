using Mirix.Agents.Llm;
using Mirix.Core.Retrieval;

namespace Mirix.Api.Endpoints;

/// <summary>
/// The operator's models, in MIRIX's <c>LLMConfig</c> and <c>EmbeddingConfig</c> shapes, so a client can pick one by
/// name. Never a key; authenticated, unlike MIRIX, since model names and endpoints are the operator's business.
/// </summary>
public static class ConfigEndpoints
{
    public static IEndpointRouteBuilder MapConfigEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/config").WithTags("Config").RequireAuthorization();
        group.MapGet("/llm", ListLlmConfigs).WithName("ListLlmConfigs")
            .WithSummary("Lists the chat models the operator configured (the first is the default); empty when no LLM is configured.");
        group.MapGet("/embedding", ListEmbeddingConfigs).WithName("ListEmbeddingConfigs")
            .WithSummary("Lists the embedding model the server uses; empty when embeddings are off.");
        return app;
    }

    public static Ok<List<LlmConfigView>> ListLlmConfigs(LlmModelCatalog models) =>
        TypedResults.Ok(models.Models.Select(m => new LlmConfigView(m.ModelId, m.Provider, m.Endpoint.ToString(), 128_000, m.Name, m.AcceptsImages)).ToList());

    public static Ok<List<EmbeddingConfigView>> ListEmbeddingConfigs(EmbeddingOptions embeddings) => TypedResults.Ok<List<EmbeddingConfigView>>(embeddings.Provider switch
    {
        "local" => [new EmbeddingConfigView("local", null, embeddings.Model ?? LocalEmbeddingGenerator.DefaultModelId, embeddings.Dimensions ?? 384, 300)],
        "openai" => [new EmbeddingConfigView("openai", embeddings.Endpoint.ToString(), embeddings.Model!, embeddings.Dimensions ?? 1536, 300)],
        _ => [],
    });
}
