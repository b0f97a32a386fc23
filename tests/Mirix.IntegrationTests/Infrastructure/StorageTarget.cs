namespace Mirix.IntegrationTests.Infrastructure;

/// <summary>The storage engines storage behaviour is checked on.</summary>
public enum StorageTarget
{
    Sqlite,
    Postgres,
    /// <summary>PostgreSQL with pgvector (PGlite): the vector search path of production; one backend, so no concurrency tests.</summary>
    PgVector,
}
