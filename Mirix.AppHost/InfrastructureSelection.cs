using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Mirix.AppHost;

internal static class InfrastructureSelection
{
    /// <summary>
    /// Reads <c>Infra:Mode</c> (<c>Containers</c>, <c>External</c> or <c>Auto</c>). Publishing always describes containers,
    /// since it only writes a manifest and needs no engine.
    /// </summary>
    public static InfrastructureMode Resolve(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfrastructureMode.Containers;
        }
        var configured = builder.Configuration["Infra:Mode"] ?? nameof(InfrastructureMode.Containers);
        if (configured.Equals(nameof(InfrastructureMode.External), StringComparison.OrdinalIgnoreCase))
        {
            return InfrastructureMode.External;
        }
        if (configured.Equals("Auto", StringComparison.OrdinalIgnoreCase))
        {
            return ContainerEngineAnswers() ? InfrastructureMode.Containers : InfrastructureMode.External;
        }
        if (!configured.Equals(nameof(InfrastructureMode.Containers), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Infra:Mode '{configured}' is not one of Containers, External or Auto.");
        }
        return ContainerEngineAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Unavailable;
    }

    public static int ExplainMissingContainerRuntime()
    {
        Console.Error.WriteLine(
            "No container runtime answers (Docker or Podman), so PostgreSQL, Redis and Kafka cannot start as containers: "
            + "run against existing servers with `dotnet run --project Mirix.AppHost -- --Infra:Mode=External "
            + "--ConnectionStrings:mirix=\"Host=...;Database=mirix\" --ConnectionStrings:redis=host:port`, "
            + "or run everything in one process with `dotnet run --project Mirix.Api`.");
        return 2;
    }

    /// <summary>True when a Docker-compatible engine accepts a connection on its socket.</summary>
    private static bool ContainerEngineAnswers()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(dockerHost) && !dockerHost.StartsWith("unix://", StringComparison.Ordinal))
        {
            return true; // a remote engine: let Aspire talk to it
        }
        string[] sockets = string.IsNullOrEmpty(dockerHost)
            ? ["/var/run/docker.sock", $"/run/user/{Environment.GetEnvironmentVariable("UID")}/podman/podman.sock", "/run/podman/podman.sock"]
            : [dockerHost["unix://".Length..]];
        return sockets.Any(SocketAnswers);
    }

    private static bool SocketAnswers(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
