using Microsoft.Data.Sqlite;
using Mirix.Core.Storage;

namespace Mirix.Agents.Tests;

public sealed class PrivateFilesTests
{
    [Fact]
    public void The_data_folder_and_database_are_readable_by_the_owner_only_and_the_database_opens()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows has no Unix modes; its folders inherit the user profile's ACL
        }
        var folder = Path.Combine(Path.GetTempPath(), "mirix-private-" + Guid.NewGuid().ToString("N"), "data");
        try
        {
            PrivateFiles.EnsureFolder(folder);
            var connection = $"Data Source={Path.Combine(folder, "mirix.db")}";
            PrivateFiles.EnsureDatabaseFile(connection);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "mirix.db")));
            using var sqlite = new SqliteConnection(connection);
            sqlite.Open();
            using var command = sqlite.CreateCommand();
            command.CommandText = "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1); SELECT count(*) FROM t;";
            Assert.Equal(1L, command.ExecuteScalar());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }
}
