using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenAI;

namespace Mirix.Agents.Llm;

public static class LlmRegistration
{
    /// <summary>
    /// The operator's models as <see cref="IChatClient"/>s made by Semantic Kernel's OpenAI connector (with M.E.AI's
    /// OpenTelemetry <c>gen_ai</c> spans), behind <see cref="LlmGateway"/>. Without <c>Mirix:Llm:Model</c> the catalog is
    /// empty, ingestion runs raw, and <c>/health</c> says so.
    /// </summary>
    public static LlmOptions AddMirixLlm(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = LlmOptions.FromConfiguration(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(options);
        var names = new List<(string Name, string ModelId, Uri Endpoint, string Key, bool AcceptsImages)>();
        foreach (var (name, model) in options.AllModels())
        {
            var key = "mirix-llm:" + name;
            var client = new OpenAIClient(new ApiKeyCredential(model.ApiKey ?? "not-needed"), new OpenAIClientOptions
            {
                Endpoint = model.Endpoint,
                // LlmGateway owns retries and time-outs (on TimeProvider); the SDK's own would multiply them.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(5),
            });
            services.AddOpenAIChatClient(model.Model!, client, serviceId: key, openTelemetrySourceName: LlmGateway.TelemetryName);
            names.Add((name, model.Model!, model.Endpoint!, key, model.AcceptsImages));
        }
        services.AddSingleton(sp => new LlmModelCatalog(
            names.ConvertAll(n => new LlmModel(n.Name, n.ModelId, n.Endpoint, sp.GetRequiredKeyedService<IChatClient>(n.Key), n.AcceptsImages))));
        services.AddSingleton<LlmConcurrencyGate>();
        services.AddSingleton<LlmGateway>();
        services.AddHealthChecks().AddCheck<LlmHealthCheck>("llm");
        return options;
    }
}
