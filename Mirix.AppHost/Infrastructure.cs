using Microsoft.Extensions.Configuration;

namespace Mirix.AppHost;

/// <summary>
/// The servers Mirix runs on. Both modes use the same resource names (<c>mirix</c>, <c>redis</c>, <c>kafka</c>), so the
/// projects receive <c>ConnectionStrings__mirix</c> and friends either way.
/// </summary>
internal sealed record Infrastructure(
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResourceWithConnectionString>? Kafka,
    bool AreContainers)
{
    public static Infrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres")
            .WithImage("pgvector/pgvector", "pg17")
            .WithDataVolume();
        var database = postgres.AddDatabase("mirix");
        var redis = builder.AddRedis("redis").WithDataVolume();
        var kafka = builder.AddKafkaBroker("kafka");
        return new Infrastructure(database, redis, kafka, AreContainers: true);
    }

    public static Infrastructure AddExternal(IDistributedApplicationBuilder builder)
    {
        RequireConnectionString(builder, "mirix");
        RequireConnectionString(builder, "redis");
        var kafka = string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("kafka"))
            ? null
            : builder.AddConnectionString("kafka");
        return new Infrastructure(builder.AddConnectionString("mirix"), builder.AddConnectionString("redis"), kafka, AreContainers: false);
    }

    // Without this guard a missing value makes `dotnet run` wait silently for someone to type it into the dashboard.
    private static void RequireConnectionString(IDistributedApplicationBuilder builder, string name)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
        {
            throw new InvalidOperationException(
                $"Infra:Mode=External needs ConnectionStrings:{name} (for example --ConnectionStrings:{name}=... or ConnectionStrings__{name}=...).");
        }
    }
}
