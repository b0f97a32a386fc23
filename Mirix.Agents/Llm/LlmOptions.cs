using Microsoft.Extensions.Configuration;

namespace Mirix.Agents.Llm;

/// <summary>
/// The operator's LLM configuration (<c>Mirix:Llm:*</c>): a default model and optional named ones, all on OpenAI-compatible
/// endpoints the operator chose. Clients pick among these by name; an endpoint a client sends is never called.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Mirix:Llm";
    public const string DefaultModelName = "default";

    public const string OpenAiProvider = "openai";
    public const string AnthropicProvider = "anthropic";

    /// <summary>
    /// <c>openai</c>: any OpenAI-compatible API through Semantic Kernel's connector (OpenAI, Azure OpenAI's v1 API, Ollama,
    /// vLLM, LM Studio, OpenRouter); <c>anthropic</c>: Anthropic's Messages API through its official SDK.
    /// </summary>
    public string Provider { get; set; } = OpenAiProvider;
    /// <summary>The API's base URL: for <c>openai</c> ending in <c>/v1</c>; unset means the provider's own service.</summary>
    public Uri? Endpoint { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>The default model; without it no LLM is configured and ingestion runs in raw mode.</summary>
    public string? Model { get; set; }
    /// <summary>Whether the default model takes images (vision); only then are image parts of added messages sent to it.</summary>
    public bool AcceptsImages { get; set; }
    /// <summary>Further models by name (<c>Mirix:Llm:Models:&lt;name&gt;:Model</c>, optional Endpoint and ApiKey).</summary>
    public Dictionary<string, LlmModelOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The most tokens one answer may have (Anthropic requires a limit; OpenAI-compatible servers get it too).</summary>
    public int MaxOutputTokens { get; set; } = 4096;
    /// <summary>Time one attempt of one call may take before it is abandoned and retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Attempts per call (429, 5xx, time-outs and network failures are retried; Retry-After is honoured).</summary>
    public int MaxAttempts { get; set; } = 3;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Calls in flight across the process; more wait in an async queue.</summary>
    public int MaxConcurrency { get; set; } = 32;
    /// <summary>Calls in flight for one organization, so one tenant cannot take every slot.</summary>
    public int MaxConcurrencyPerOrganization { get; set; } = 8;
    /// <summary>Calls that may wait for a slot; one more is refused at once (503 with Retry-After) instead of queueing without end.</summary>
    public int MaxWaiting { get; set; } = 1000;
    /// <summary>How long a call may wait for a slot before it is refused (503 with Retry-After).</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Failed share of calls (over at least 10 in 30 s) that opens the circuit for <see cref="BreakDuration"/>.</summary>
    public double BreakFailureRatio { get; set; } = 0.8;
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>LLM calls one memory agent may make for one add before it is made to finish.</summary>
    public int MaxAgentSteps { get; set; } = 4;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Model);

    /// <summary>Every configured model by name, the default first; empty when no LLM is configured.</summary>
    public IReadOnlyList<(string Name, LlmModelOptions Model)> AllModels()
    {
        if (!IsConfigured)
        {
            return [];
        }
        var all = new List<(string, LlmModelOptions)>
        {
            (DefaultModelName, new LlmModelOptions { Provider = Provider, Model = Model, Endpoint = Endpoint ?? DefaultEndpoint(Provider), ApiKey = ApiKey, AcceptsImages = AcceptsImages }),
        };
        foreach (var (name, model) in Models)
        {
            var provider = model.Provider ?? Provider;
            // A named model on another provider does not inherit the default's endpoint or key.
            var sameProvider = provider == Provider;
            all.Add((name, new LlmModelOptions
            {
                Provider = provider,
                Model = model.Model,
                Endpoint = model.Endpoint ?? (sameProvider ? Endpoint : null) ?? DefaultEndpoint(provider),
                ApiKey = model.ApiKey ?? (sameProvider ? ApiKey : null),
                AcceptsImages = model.AcceptsImages,
            }));
        }
        return all;
    }

    /// <summary>Where the default model answers, for agents made without an <c>llm_config</c>.</summary>
    public Uri ResolvedEndpoint => Endpoint ?? DefaultEndpoint(Provider);

    public static Uri DefaultEndpoint(string provider) =>
        provider == AnthropicProvider ? new Uri("https://api.anthropic.com") : new Uri("https://api.openai.com/v1");

    public static LlmOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new LlmOptions();
        configuration.GetSection(Section).Bind(options);
        options.Provider = options.Provider.ToLowerInvariant();
        foreach (var (name, model) in options.Models)
        {
            if (string.IsNullOrWhiteSpace(model.Model))
            {
                throw new InvalidOperationException($"{Section}:Models:{name} needs a Model.");
            }
            model.Provider = model.Provider?.ToLowerInvariant();
        }
        foreach (var provider in options.Models.Values.Select(m => m.Provider).Append(options.Provider))
        {
            if (provider is not (null or OpenAiProvider or AnthropicProvider))
            {
                throw new InvalidOperationException($"{Section}: Provider '{provider}' is not one of {OpenAiProvider}, {AnthropicProvider}.");
            }
        }
        if (options.Models.Count > 0 && !options.IsConfigured)
        {
            throw new InvalidOperationException($"{Section}:Models needs a default {Section}:Model as well.");
        }
        if (options.MaxAttempts < 1 || options.MaxConcurrency < 1 || options.MaxConcurrencyPerOrganization < 1 || options.MaxAgentSteps < 1 || options.MaxWaiting < 0)
        {
            throw new InvalidOperationException($"{Section}: MaxAttempts, MaxConcurrency, MaxConcurrencyPerOrganization and MaxAgentSteps must be at least 1, MaxWaiting at least 0.");
        }
        return options;
    }
}

public sealed class LlmModelOptions
{
    public string? Provider { get; set; }
    public string? Model { get; set; }
    public Uri? Endpoint { get; set; }
    public string? ApiKey { get; set; }
    public bool AcceptsImages { get; set; }
}
