namespace Mirix.IntegrationTests.Infrastructure;

/// <summary>The real PostgreSQL and Redis servers the suite talks to; scripts/test.sh starts them and sets these variables.</summary>
public static class TestServers
{
    public static string PostgresAdmin => Required("MIRIX_TEST_POSTGRES");

    public static string Redis => Required("MIRIX_TEST_REDIS");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the suite with `bash scripts/test.sh`, which starts the servers.");
}
