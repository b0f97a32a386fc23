using Mirix.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var mode = InfrastructureSelection.Resolve(builder);
if (mode == InfrastructureMode.Unavailable)
{
    return InfrastructureSelection.ExplainMissingContainerRuntime();
}

if (mode == InfrastructureMode.Local && LocalInfrastructure.MissingPrerequisite() is { } missing)
{
    return InfrastructureSelection.Explain(missing);
}

var localData = mode == InfrastructureMode.Local ? LocalDataDirectory.Resolve(builder.Configuration) : null;
var infrastructure = mode switch
{
    InfrastructureMode.Containers => Infrastructure.AddContainers(builder),
    InfrastructureMode.Local => LocalInfrastructure.Add(builder, localData!),
    _ => Infrastructure.AddExternal(builder),
};

var migrations = builder.AddProject<Projects.Mirix_MigrationService>("migrations")
    .WithInfrastructure(infrastructure, redis: false, kafka: false);

// The Api queues, the workers consume: Kafka where the AppHost runs a broker (or is given one), Redis Streams otherwise.
var transport = infrastructure.Kafka is null ? "redis_streams" : "kafka";

// Signs dashboard tokens; generated once and kept with the AppHost's parameters (azd stores it as a secret).
var jwtSecret = builder.AddParameter("jwt-secret", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);

var api = builder.AddProject<Projects.Mirix_Api>("api")
    .WithInfrastructure(infrastructure)
    .WithEnvironment("Mirix__Auth__JwtSecret", jwtSecret)
    .WaitForCompletion(migrations)
    .WithEnvironment("Mirix__Storage__MigrateOnStartup", "false")
    .WithEnvironment("Mirix__Ingestion__Transport", transport)
    .WithEnvironment("Mirix__Workers__Enabled", "false")
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Mirix_Workers>("workers")
    .WithInfrastructure(infrastructure)
    .WaitForCompletion(migrations)
    .WithEnvironment("Mirix__Storage__MigrateOnStartup", "false")
    .WithEnvironment("Mirix__Ingestion__Transport", transport)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Mirix_Web>("web")
    .WithReference(api)
    .WaitFor(api)
    .WithHttpHealthCheck("/health");

await builder.Build().RunAsync();
localData?.RemoveIfThrowAway();
return 0;
