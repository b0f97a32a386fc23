namespace Mirix.Core.Storage;

/// <summary>
/// The embedded default's data folder and database hold every tenant's memories: only the server's own user may read
/// them (folder 0700, files 0600). SQLite gives its journal and WAL files the database file's permissions.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, Owner | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Creates the SQLite file empty (a valid empty database) and private, before SQLite would create it world-readable.</summary>
    public static void EnsureDatabaseFile(string sqliteConnectionString)
    {
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(sqliteConnectionString).DataSource;
        if (OperatingSystem.IsWindows() || string.IsNullOrEmpty(path) || path == ":memory:" || File.Exists(path)
            || !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path))))
        {
            return; // in-memory, already there, or somewhere SQLite will report on itself
        }
        using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Owner });
    }
}
