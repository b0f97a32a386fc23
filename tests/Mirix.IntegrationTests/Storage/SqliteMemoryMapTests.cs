using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Storage;

/// <summary>SQLite connections read the file through a memory map, each pooled native handle on its own.</summary>
public sealed class SqliteMemoryMapTests
{
    [Fact]
    public async Task Every_pooled_connection_maps_the_file_on_first_use_and_after_reuse()
    {
        await using var storage = await TestStorage.CreateAsync(StorageTarget.Sqlite);
        await storage.MigrateAsync();
        for (var round = 0; round < 2; round++)
        {
            // Two contexts open at once hold two native handles; the second round reuses them from the pool.
            await using var first = storage.CreateScope();
            await using var second = storage.CreateScope();
            var contexts = new[] { first, second }.Select(s => s.ServiceProvider.GetRequiredService<MirixDbContext>()).ToList();
            foreach (var db in contexts)
            {
                await db.Database.OpenConnectionAsync();
            }
            foreach (var db in contexts)
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA mmap_size";
                Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0);
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
