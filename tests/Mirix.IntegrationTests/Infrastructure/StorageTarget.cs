namespace Mirix.IntegrationTests.Infrastructure;

/// <summary>The two storage engines every storage behaviour is checked on.</summary>
public enum StorageTarget
{
    Sqlite,
    Postgres,
}
