namespace Mirix.AppHost;

internal static class ProjectInfrastructureExtensions
{
    /// <summary>Hands a project the database and, unless told otherwise, Redis and Kafka; waits for containers to be healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithInfrastructure(
        this IResourceBuilder<ProjectResource> project, Infrastructure infrastructure, bool redis = true, bool kafka = true)
    {
        project.WithReference(infrastructure.Database);
        if (infrastructure.AreContainers)
        {
            project.WaitFor(infrastructure.Database);
        }
        if (redis)
        {
            project.WithReference(infrastructure.Redis);
            if (infrastructure.AreContainers)
            {
                project.WaitFor(infrastructure.Redis);
            }
        }
        if (kafka && infrastructure.Kafka is { } broker)
        {
            project.WithReference(broker);
            if (infrastructure.AreContainers)
            {
                project.WaitFor(broker);
            }
        }
        return project;
    }
}
