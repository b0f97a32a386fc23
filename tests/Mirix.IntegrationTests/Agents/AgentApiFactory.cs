using Microsoft.AspNetCore.Hosting;
using Mirix.IntegrationTests.Infrastructure;
using Mirix.ScriptedLlm;

namespace Mirix.IntegrationTests.Agents;

/// <summary>
/// The Api with an LLM configured: the scripted model server, over the OpenAI protocol (Semantic Kernel's connector) or
/// Anthropic's (its SDK), with short retry delays and time-outs.
/// </summary>
public class AgentApiFactory(StorageTarget target, string provider = "openai") : ApiFactory(target)
{
    /// <summary>Whether the client shows the gateway a 429's Retry-After (Anthropic's SDK does not expose headers).</summary>
    public bool RetryAfterVisible => provider == "openai";

    private ScriptedLlmServer? _llm;

    public ScriptedLlmServer Llm => _llm ?? throw new InvalidOperationException("The model server starts with the fixture.");

    protected override async Task StartCompanionsAsync() => _llm = await ScriptedLlmServer.StartAsync();

    protected override async ValueTask StopCompanionsAsync()
    {
        if (_llm is not null)
        {
            await _llm.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mirix:Llm:Provider", provider);
        builder.UseSetting("Mirix:Llm:Endpoint", (provider == "anthropic" ? Llm.Root : Llm.BaseUrl).ToString());
        builder.UseSetting("Mirix:Llm:Model", "scripted-model");
        builder.UseSetting("Mirix:Llm:AcceptsImages", "true");
        builder.UseSetting("Mirix:Llm:Timeout", "00:00:02");
        builder.UseSetting("Mirix:Llm:RetryBaseDelay", "00:00:00.050");
        builder.UseSetting("Mirix:Llm:RetryMaxDelay", "00:00:01");
        builder.UseSetting("Mirix:Llm:MaxAttempts", "3");
        builder.UseSetting("Mirix:Ingestion:MaxAttempts", "2");
    }
}

public sealed class SqliteAgentApiFactory() : AgentApiFactory(StorageTarget.Sqlite);

public sealed class PostgresAgentApiFactory() : AgentApiFactory(StorageTarget.Postgres);

public sealed class AnthropicAgentApiFactory() : AgentApiFactory(StorageTarget.Sqlite, "anthropic");

/// <summary>The Api on Kestrel over loopback sockets, so clients read streams and disconnect as real ones do.</summary>
public sealed class KestrelAgentApiFactory : AgentApiFactory
{
    public KestrelAgentApiFactory() : base(StorageTarget.Sqlite) => UseKestrel(0);
}

/// <summary>
/// The Api on Kestrel with room for slow models (a 30 s time-out), and optionally a tiny model-call budget (one slot, one
/// waiter, one second of patience) so the overload answers can be seen.
/// </summary>
public class PromiseApiFactory : AgentApiFactory
{
    private readonly bool _tinyBudget;

    public PromiseApiFactory() : this(tinyBudget: false)
    {
    }

    protected PromiseApiFactory(bool tinyBudget) : base(StorageTarget.Sqlite) => _tinyBudget = tinyBudget;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        UseKestrel(0);
        builder.UseSetting("Mirix:Llm:Timeout", "00:00:30");
        if (_tinyBudget)
        {
            builder.UseSetting("Mirix:Llm:MaxConcurrency", "1");
            builder.UseSetting("Mirix:Llm:MaxWaiting", "1");
            builder.UseSetting("Mirix:Llm:MaxWait", "00:00:01");
        }
    }
}

public sealed class OverloadApiFactory : PromiseApiFactory
{
    public OverloadApiFactory() : base(tinyBudget: true)
    {
    }
}
