using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mirix.Core.Ingestion;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Hosting;

public static class MirixCoreRegistration
{

    /// <summary>
    /// What the Api and the Workers both need: storage (PostgreSQL or SQLite) and, when configured, Redis.
    /// Nothing here depends on who hosts it, so the embedded run and the distributed run use the same code paths.
    /// </summary>
    public static MirixRuntime AddMirixCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var storage = builder.AddMirixStorage();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ClientDirectory>();
        builder.Services.AddScoped<Agents.MetaAgentInitializer>();
        builder.Services.AddScoped<Agents.AgentEditor>();
        builder.Services.AddScoped<Agents.AutoDreamAcceptance>();
        builder.Services.AddScoped<Operations.MemoryStager>();
        builder.Services.AddScoped<Operations.TypedMemoryService>();
        builder.Services.AddScoped<Memory.MemoryHistory>();
        builder.Services.AddScoped<Operations.BlockWriter>();
        builder.Services.AddScoped<Retrieval.TopicRetrieval>();
        builder.Services.AddScoped<Operations.RawMemoryService>();
        builder.Services.AddScoped<Memory.RawMemorySearch>();
        builder.Services.AddScoped<Memory.RawMemoryCleanup>();
        builder.Services.AddSingleton(Memory.RawMemoryRetentionOptions.FromConfiguration(builder.Configuration));
        builder.AddMirixEmbeddings();
        if (builder.Configuration.GetValue("Mirix:Memory:ReleaseWhenIdle", defaultValue: true))
        {
            builder.Services.AddHostedService<IdleMemoryRelease>();
        }
        var redisConfigured = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(MirixRuntime.RedisConnectionName));
        if (redisConfigured)
        {
            // Fail fast while Redis is down: a request that cannot be queued is answered 503 now, not after a 5 s backlog.
            // Reconnect attempts every second rather than backing off exponentially: adds are refused until the client
            // has reconnected, so its back-off, not Redis, decided when service resumed (4.3 s after a 10 s outage).
            builder.AddRedisClient(MirixRuntime.RedisConnectionName, configureOptions: o =>
            {
                o.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
                o.ReconnectRetryPolicy = new StackExchange.Redis.LinearRetry(1_000);
            });
        }
        var runtime = new MirixRuntime(storage, redisConfigured);
        builder.Services.AddSingleton(runtime);
        builder.AddMirixIngestion(runtime);
        return runtime;
    }
}
