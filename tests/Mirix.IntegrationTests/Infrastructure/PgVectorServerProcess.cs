using System.Diagnostics;

namespace Mirix.IntegrationTests.Infrastructure;

/// <summary>
/// PostgreSQL with pgvector for a test class of its own: PGlite (tests/pgvector-server, installed by scripts/test.sh) on a
/// loopback port. It has one database and one backend session for every connection, so each host gets a fresh server.
/// </summary>
public sealed class PgVectorServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private PgVectorServerProcess(Process process, int port)
    {
        _process = process;
        // One connection: PGlite has one backend session for all of them, and under load the extended-protocol messages of
        // two connections interleave there ("unnamed prepared statement does not exist"). Requests wait for it in turn.
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Password=postgres;Database=postgres;SSL Mode=Disable;Maximum Pool Size=1;Timeout=60;Command Timeout=120";
    }

    public string ConnectionString { get; }

    public static async Task<PgVectorServerProcess> StartAsync()
    {
        var directory = Path.Combine(RepositoryRoot(), "tests", "pgvector-server");
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException($"{directory}/node_modules is missing: run the suite with `bash scripts/test.sh`, which installs it (npm ci).");
        }
        // The host's one pooled connection, and one for a test that inspects the database itself.
        var process = Process.Start(new ProcessStartInfo("node", ["serve.mjs", "4"])
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("READY ", StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return new PgVectorServerProcess(process, int.Parse(line[6..], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        throw new InvalidOperationException($"The pgvector test server exited ({process.ExitCode}) before it was ready.");
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        // Closing its stdin ends the server; a server that does not end in time is killed.
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mirix.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Mirix.sln not found above " + AppContext.BaseDirectory);
    }
}
