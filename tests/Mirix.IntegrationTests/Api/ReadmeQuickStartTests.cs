using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Api;

/// <summary>The embedded default on Kestrel with no LLM: what a newcomer runs.</summary>
public sealed class KestrelSqliteApiFactory : ApiFactory
{
    public KestrelSqliteApiFactory() : base(StorageTarget.Sqlite) => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mirix:Llm:Model", "");
    }
}

/// <summary>The README's quick start, extracted and run by bash against a fresh server twice, so the README cannot rot.</summary>
public sealed class ReadmeQuickStartTests(KestrelSqliteApiFactory api) : IClassFixture<KestrelSqliteApiFactory>
{
    [Fact]
    public async Task The_quick_start_runs_by_copy_and_paste_and_runs_again()
    {
        var script = QuickStart(await File.ReadAllTextAsync(RepositoryFiles.Path("README.md")));
        using var http = api.CreateClient();
        var url = http.BaseAddress!.ToString().TrimEnd('/');

        foreach (var run in new[] { "first", "second" })
        {
            var (exit, output, errors) = await RunBashAsync(script, url);

            Assert.True(exit == 0, $"{run} run exited {exit}: {errors}\n{output}");
            Assert.Contains("succeeded", output, StringComparison.Ordinal);
            Assert.Contains("\"memory_type\":\"raw\"", output, StringComparison.Ordinal);
        }
    }

    private static string QuickStart(string readme)
    {
        var start = readme.IndexOf("<!-- quickstart:begin -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- quickstart:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the README marks its quick start");
        var block = readme[start..end];
        var code = block.IndexOf("```bash", StringComparison.Ordinal) + "```bash".Length;
        return block[code..block.LastIndexOf("```", StringComparison.Ordinal)];
    }

    private static async Task<(int Exit, string Output, string Errors)> RunBashAsync(string script, string url)
    {
        var start = new ProcessStartInfo("bash", ["-eu", "-o", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["MIRIX_URL"] = url },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
