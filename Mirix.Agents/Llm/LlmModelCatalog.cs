using Microsoft.Extensions.AI;

namespace Mirix.Agents.Llm;

/// <summary>The operator's models as chat clients, by name. A client's <c>llm_config.model</c> picks one; anything else gets the default.</summary>
public sealed class LlmModelCatalog(IReadOnlyList<LlmModel> models)
{
    public bool IsEmpty => models.Count == 0;

    public bool IsConfigured => models.Count > 0;

    public IReadOnlyList<LlmModel> Models => models;

    /// <summary>The model named <paramref name="requested"/> (by configured name or model id), else the default.</summary>
    public LlmModel Resolve(string? requested)
    {
        if (models.Count == 0)
        {
            throw new InvalidOperationException("No LLM is configured (Mirix:Llm:Model).");
        }
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var match = models.FirstOrDefault(m => string.Equals(m.Name, requested, StringComparison.OrdinalIgnoreCase))
                ?? models.FirstOrDefault(m => string.Equals(m.ModelId, requested, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }
        return models[0];
    }
}

/// <summary>One configured model: its name in the configuration, its id at the provider, the client that calls it, and whether it takes images.</summary>
public sealed record LlmModel(string Name, string ModelId, Uri Endpoint, IChatClient Client, bool AcceptsImages = false, string Provider = "openai");
