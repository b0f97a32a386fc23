namespace Mirix.AppHost;

internal static class ProjectInfrastructureExtensions
{
    /// <summary>Hands a project the database and, unless told otherwise, Redis and Kafka; waits for the servers the AppHost runs.</summary>
    public static IResourceBuilder<ProjectResource> WithInfrastructure(
        this IResourceBuilder<ProjectResource> project, Infrastructure infrastructure, bool redis = true, bool kafka = true)
    {
        project.WithServer(infrastructure.Database);
        if (redis)
        {
            project.WithServer(infrastructure.Redis);
        }
        if (kafka && infrastructure.Kafka is { } broker)
        {
            project.WithServer(broker);
            foreach (var (name, value) in infrastructure.ProjectSettings)
            {
                project.WithEnvironment(name, value);
            }
        }
        return project;
    }

    private static void WithServer(this IResourceBuilder<ProjectResource> project, Server server)
    {
        project.WithReference(server.Connection);
        if (server.RunBy is { } process)
        {
            project.WaitFor(process);
        }
    }
}
