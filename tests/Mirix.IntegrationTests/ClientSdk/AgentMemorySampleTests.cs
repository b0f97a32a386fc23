using System.Diagnostics;
using System.Reflection;
using Mirix.IntegrationTests.Agents;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.ClientSdk;

/// <summary>
/// samples/AgentMemory run as a process, as a user would run it, against the Api on Kestrel and the scripted model:
/// the agent remembers through Mirix.Client.AI and answers a fresh session from memory, and so does the SK plugin.
/// </summary>
public sealed class AgentMemorySampleTests(KestrelAgentApiFactory api) : IClassFixture<KestrelAgentApiFactory>
{
    [Fact]
    public async Task The_sample_remembers_in_one_session_and_answers_the_next_from_memory()
    {
        api.Llm.Reset();
        var org = await api.Tenants.CreateOrganizationAsync("sample-agent-memory");
        using var tenant = await api.Tenants.CreateClientAsync(org, "notes", "notes");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                SamplePath(),
                "--url", tenant.Http.BaseAddress!.ToString(), "--api-key", tenant.ApiKey,
                "--llm-endpoint", api.Llm.BaseUrl.ToString(), "--model", "fake-model",
            },
        };
        using var sample = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = sample.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = sample.StandardError.ReadToEndAsync(timeout.Token);
        await sample.WaitForExitAsync(timeout.Token);

        Assert.True(sample.ExitCode == 0, $"exit {sample.ExitCode}: {await errors}\n{await output}");
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("Saved", Assert.Single(lines, l => l.StartsWith("1>", StringComparison.Ordinal)), StringComparison.Ordinal);
        // The second session has no history: Porto can only come from the memory the first one filed.
        Assert.Contains("Porto", Assert.Single(lines, l => l.StartsWith("2>", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("Porto", Assert.Single(lines, l => l.StartsWith("3>", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(api.Llm.Calls, c => c.Tools.Contains("memory-recall"));
    }

    /// <summary>The sample's own build (Debug or Release, like the tests): its dependencies differ from the tests'.</summary>
    private static string SamplePath()
    {
        var configuration = typeof(AgentMemorySampleTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return RepositoryFiles.Path("samples", "AgentMemory", "bin", configuration, "net10.0", "AgentMemory.dll");
    }
}
