using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenAI;

namespace Mirix.Agents.Llm;

public static class LlmRegistration
{
    /// <summary>
    /// The operator's models as <see cref="IChatClient"/>s behind <see cref="LlmGateway"/>: OpenAI-compatible ones made by
    /// Semantic Kernel's OpenAI connector, Anthropic ones by Anthropic's SDK; each wrapped in M.E.AI's OpenTelemetry client
    /// (<c>gen_ai</c> spans). The clients' own retries are off: the gateway's policy is the one. Without
    /// <c>Mirix:Llm:Model</c> the catalog is empty, ingestion runs raw, and <c>/health</c> says so.
    /// </summary>
    public static LlmOptions AddMirixLlm(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = LlmOptions.FromConfiguration(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(options);
        var models = new List<(string Name, LlmModelOptions Model, string Key)>();
        foreach (var (name, model) in options.AllModels())
        {
            var key = "mirix-llm:" + name;
            if (model.Provider == LlmOptions.AnthropicProvider)
            {
                services.AddKeyedSingleton(key, (_, _) => AnthropicChatClient(model, options));
            }
            else
            {
                var client = new OpenAIClient(new ApiKeyCredential(model.ApiKey ?? "not-needed"), new OpenAIClientOptions
                {
                    Endpoint = model.Endpoint,
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(5),
                });
                services.AddOpenAIChatClient(model.Model!, client, serviceId: key, openTelemetrySourceName: LlmGateway.TelemetryName);
            }
            models.Add((name, model, key));
        }
        services.AddSingleton(sp => new LlmModelCatalog(models.ConvertAll(m =>
            new LlmModel(m.Name, m.Model.Model!, m.Model.Endpoint!, sp.GetRequiredKeyedService<IChatClient>(m.Key), m.Model.AcceptsImages, m.Model.Provider ?? LlmOptions.OpenAiProvider))));
        services.AddSingleton<LlmConcurrencyGate>();
        services.AddSingleton<LlmGateway>();
        services.AddHealthChecks().AddCheck<LlmHealthCheck>("llm");
        return options;
    }

    private static IChatClient AnthropicChatClient(LlmModelOptions model, LlmOptions options)
    {
        var client = new AnthropicClient
        {
            ApiKey = model.ApiKey ?? "not-needed",
            BaseUrl = model.Endpoint!.ToString().TrimEnd('/'),
            MaxRetries = 0,
            Timeout = options.Timeout + TimeSpan.FromSeconds(5),
        };
        return client.AsIChatClient(model.Model!, options.MaxOutputTokens)
            .AsBuilder()
            .UseOpenTelemetry(sourceName: LlmGateway.TelemetryName)
            .Build();
    }
}
