namespace Mirix.AppHost.Tests;

public sealed class ContainerRuntimeTests
{
    [Fact]
    public async Task Containers_mode_without_a_container_runtime_explains_how_to_run_instead_of_hanging()
    {
        var result = await AppHostProcess.RunAsync(["--Infra:Mode=Containers"], new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
        });

        Assert.Equal(2, result.ExitCode);
        var explanation = Assert.Single(result.Output.Split('\n'), line => line.StartsWith("No container runtime answers", StringComparison.Ordinal));
        Assert.Contains("--Infra:Mode=External", explanation, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project Mirix.Api", explanation, StringComparison.Ordinal);
    }
}
