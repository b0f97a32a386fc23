using Microsoft.Extensions.Configuration;

namespace Mirix.Core.Retrieval;

/// <summary>Which model embeds memories and queries (<c>Mirix:Embeddings:*</c>).</summary>
public sealed class EmbeddingOptions
{
    public const string Section = "Mirix:Embeddings";

    /// <summary><c>local</c> (all-MiniLM-L6-v2 in process, offline; see <see cref="LocalEmbeddingGenerator"/>), <c>openai</c> (OpenAI, Azure OpenAI's v1 API, or any OpenAI-compatible server such as Ollama or vLLM) or <c>none</c>.</summary>
    public string Provider { get; set; } = "local";
    /// <summary>Base URL of the OpenAI-compatible API, ending in <c>/v1</c>.</summary>
    public Uri Endpoint { get; set; } = new("https://api.openai.com/v1");
    public string? Model { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>Requested vector size, for models that can shorten their vectors (text-embedding-3-*).</summary>
    public int? Dimensions { get; set; }
    /// <summary>How often the re-embedding job looks for memories without a vector of the current model.</summary>
    public TimeSpan ReembedInterval { get; set; } = TimeSpan.FromMinutes(10);

    public static EmbeddingOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new EmbeddingOptions();
        configuration.GetSection(Section).Bind(options);
        options.Provider = options.Provider.ToLowerInvariant();
        if (options.Provider is not ("local" or "openai" or "none"))
        {
            throw new InvalidOperationException($"{Section}:Provider '{options.Provider}' is not one of local, openai, none.");
        }
        if (options.Provider == "local" && options.Model is { } local && !LocalEmbeddingGenerator.Models.Contains(local))
        {
            throw new InvalidOperationException($"{Section}:Model '{local}' is not a local model: {string.Join(", ", LocalEmbeddingGenerator.Models)}.");
        }
        if (options.Provider == "openai" && string.IsNullOrWhiteSpace(options.Model))
        {
            throw new InvalidOperationException($"{Section}:Provider=openai needs {Section}:Model (for example text-embedding-3-small).");
        }
        return options;
    }
}
