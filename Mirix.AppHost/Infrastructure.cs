using Microsoft.Extensions.Configuration;

namespace Mirix.AppHost;

/// <summary>One server the projects use: the connection they reference and, when the AppHost runs it, the resource to wait for.</summary>
internal sealed record Server(IResourceBuilder<IResourceWithConnectionString> Connection, IResourceBuilder<IResource>? RunBy);

/// <summary>
/// The servers Mirix runs on. Every mode uses the same connection names (<c>mirix</c>, <c>redis</c>, <c>kafka</c>), so the
/// projects receive <c>ConnectionStrings__mirix</c> and friends either way.
/// </summary>
/// <param name="ProjectSettings">Environment every project using these servers gets, such as Kafka timings the broker needs.</param>
internal sealed record Infrastructure(Server Database, Server Redis, Server? Kafka, IReadOnlyDictionary<string, string> ProjectSettings)
{
    public static Infrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres")
            .WithImage("pgvector/pgvector", "pg17")
            .WithDataVolume();
        var database = postgres.AddDatabase("mirix");
        var redis = builder.AddRedis("redis").WithDataVolume();
        var kafka = builder.AddKafkaBroker("kafka");
        return new Infrastructure(new Server(database, database), new Server(redis, redis), new Server(kafka, kafka), new Dictionary<string, string>());
    }

    public static Infrastructure AddExternal(IDistributedApplicationBuilder builder)
    {
        RequireConnectionString(builder, "mirix");
        RequireConnectionString(builder, "redis");
        var kafka = string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("kafka"))
            ? null
            : new Server(builder.AddConnectionString("kafka"), RunBy: null);
        return new Infrastructure(
            new Server(builder.AddConnectionString("mirix"), RunBy: null),
            new Server(builder.AddConnectionString("redis"), RunBy: null),
            kafka,
            new Dictionary<string, string>());
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
