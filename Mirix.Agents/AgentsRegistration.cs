using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Mirix.Agents.Llm;
using Mirix.Agents.Runs;
using Mirix.Core.Ingestion;

namespace Mirix.Agents;

public static class AgentsRegistration
{
    /// <summary>The LLM layer and the memory agents; ingestion's handler becomes the agents' (raw mode stays available).</summary>
    public static LlmOptions AddMirixAgents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.AddMirixLlm();
        var services = builder.Services;
        services.AddSingleton<AgentLoop>();
        services.AddScoped<Retrieval.ConversationRetrieval>();
        services.AddScoped<AutoDreamHandler>();
        var dreams = builder.Configuration.GetSection(AutoDreamOptions.Section).Get<AutoDreamOptions>() ?? new AutoDreamOptions();
        if (!Core.Ingestion.AutoDream.Modes.ContainsKey(dreams.Mode))
        {
            throw new InvalidOperationException($"{AutoDreamOptions.Section}:Mode must be one of {string.Join(", ", Core.Ingestion.AutoDream.Modes.Keys)}.");
        }
        services.AddSingleton(dreams);
        services.AddSingleton<AutoDreamScheduler>();
        if (dreams.Interval is not null && options.IsConfigured && builder.Configuration.GetValue(Core.Storage.MirixRuntime.HostWorkersKey, true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<AutoDreamScheduler>());
        }
        services.AddScoped<Chat.ChatAgent>();
        services.AddScoped<Chat.ChatService>();
        services.TryAddScoped<RawModeHandler>();
        services.RemoveAll<IIngestionHandler>();
        services.AddScoped<IIngestionHandler, AgentIngestionHandler>();
        return options;
    }
}
