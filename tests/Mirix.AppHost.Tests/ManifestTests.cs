using System.Text.Json;

namespace Mirix.AppHost.Tests;

/// <summary>Publishing the manifest (what azd deploys from) needs no container runtime and describes the whole topology.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task Published_manifest_has_every_resource_and_reference()
    {
        var output = Directory.CreateTempSubdirectory("mirix-manifest-").FullName;
        try
        {
            var manifestPath = Path.Combine(output, "aspire-manifest.json");
            await PublishManifestAsync(manifestPath);

            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestPath));
            var resources = manifest.RootElement.GetProperty("resources");
            Assert.Equal("container.v0", resources.GetProperty("postgres").GetProperty("type").GetString());
            Assert.Contains("pgvector/pgvector", resources.GetProperty("postgres").GetProperty("image").GetString(), StringComparison.Ordinal);
            Assert.Contains("{postgres.connectionString}", resources.GetProperty("mirix").GetProperty("connectionString").GetString(), StringComparison.Ordinal);
            Assert.Equal("container.v0", resources.GetProperty("redis").GetProperty("type").GetString());
            Assert.Equal("container.v0", resources.GetProperty("kafka").GetProperty("type").GetString());

            AssertReferences(resources, "migrations", "mirix");
            AssertReferences(resources, "api", "mirix", "redis", "kafka");
            AssertReferences(resources, "workers", "mirix", "redis", "kafka");
            Assert.Equal("{jwt-secret.value}", resources.GetProperty("api").GetProperty("env").GetProperty("Mirix__Auth__JwtSecret").GetString());
            // Containers mode runs a broker: the Api queues to Kafka and leaves consuming to the workers.
            var apiEnv = resources.GetProperty("api").GetProperty("env");
            Assert.Equal("kafka", apiEnv.GetProperty("Mirix__Ingestion__Transport").GetString());
            Assert.Equal("false", apiEnv.GetProperty("Mirix__Workers__Enabled").GetString());
            Assert.Equal("kafka", resources.GetProperty("workers").GetProperty("env").GetProperty("Mirix__Ingestion__Transport").GetString());
            var webEnv = resources.GetProperty("web").GetProperty("env").EnumerateObject().Select(p => p.Name).ToList();
            Assert.Contains(webEnv, name => name.StartsWith("services__api__", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static void AssertReferences(JsonElement resources, string project, params string[] connections)
    {
        var resource = resources.GetProperty(project);
        Assert.Equal("project.v0", resource.GetProperty("type").GetString());
        var env = resource.GetProperty("env");
        foreach (var connection in connections)
        {
            Assert.Equal($"{{{connection}.connectionString}}", env.GetProperty($"ConnectionStrings__{connection}").GetString());
        }
    }

    private static async Task PublishManifestAsync(string manifestPath)
    {
        var result = await AppHostProcess.RunAsync(["--publisher", "manifest", "--output-path", manifestPath]);
        Assert.True(result.ExitCode == 0, $"publish exited {result.ExitCode}: {result.Output}");
    }
}
