using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Mirix.AppHost;

internal static class InfrastructureSelection
{
    /// <summary>
    /// Reads <c>Infra:Mode</c>: <c>Auto</c> (the default: containers when an engine answers, local processes otherwise),
    /// <c>Containers</c>, <c>Local</c> or <c>External</c>. Publishing always describes containers, since it only writes a
    /// manifest and needs no engine.
    /// </summary>
    public static InfrastructureMode Resolve(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfrastructureMode.Containers;
        }
        var configured = builder.Configuration["Infra:Mode"] ?? "Auto";
        if (configured.Equals(nameof(InfrastructureMode.External), StringComparison.OrdinalIgnoreCase))
        {
            return InfrastructureMode.External;
        }
        if (configured.Equals(nameof(InfrastructureMode.Local), StringComparison.OrdinalIgnoreCase))
        {
            return InfrastructureMode.Local;
        }
        if (configured.Equals("Auto", StringComparison.OrdinalIgnoreCase))
        {
            return ContainerEngineAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Local;
        }
        if (!configured.Equals(nameof(InfrastructureMode.Containers), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Infra:Mode '{configured}' is not one of Auto, Containers, Local or External.");
        }
        return ContainerEngineAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Unavailable;
    }

    public static int ExplainMissingContainerRuntime() => Explain(
            "No container runtime answers (Docker or Podman), so PostgreSQL, Redis and Kafka cannot start as containers: "
            + "run them as local processes with `dotnet run --project Mirix.AppHost -- --Infra:Mode=Local`, "
            + "run against existing servers with `dotnet run --project Mirix.AppHost -- --Infra:Mode=External "
            + "--ConnectionStrings:mirix=\"Host=...;Database=mirix\" --ConnectionStrings:redis=host:port`, "
            + "or run everything in one process with `dotnet run --project Mirix.Api`.");

    /// <summary>Says why the AppHost cannot start and ends it with exit code 2, instead of a stack trace or a hang.</summary>
    public static int Explain(string reason)
    {
        Console.Error.WriteLine(reason);
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
