namespace Mirix.Core.Storage;

public enum StorageProvider
{
    /// <summary>PostgreSQL when a <c>mirix</c> connection string is configured, otherwise SQLite.</summary>
    Auto,
    Postgres,
    Sqlite,
}
