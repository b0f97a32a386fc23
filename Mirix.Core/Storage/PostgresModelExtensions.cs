using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;

namespace Mirix.Core.Storage;

internal static class PostgresModelExtensions
{
    /// <summary>
    /// On PostgreSQL, tag columns are <c>jsonb</c> with a GIN index so <c>@&gt;</c>, <c>?</c> and <c>-&gt;&gt;</c> filters use it.
    /// SQLite keeps them as JSON text and filters with <c>json_extract</c>.
    /// </summary>
    public static void UsePostgresJsonTags(this ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var tags = entity.FindProperty(nameof(MemoryItem.FilterTags));
            if (tags is null)
            {
                continue;
            }
            tags.SetColumnType("jsonb");
            if (typeof(MemoryItem).IsAssignableFrom(entity.ClrType) || entity.ClrType == typeof(Block))
            {
                modelBuilder.Entity(entity.ClrType).HasIndex(nameof(MemoryItem.FilterTags)).HasMethod("gin");
            }
        }
    }

    /// <summary>
    /// On PostgreSQL, id columns compare bytes (collation <c>"C"</c>): a search looks up hundreds of rows and vectors by
    /// id, and under the database's usual <c>C.UTF-8</c> or <c>en_US.UTF-8</c> collation each comparison in those index
    /// descents goes through the C library's <c>strcoll</c>. Byte order is also .NET's ordinal order, which the code uses.
    /// </summary>
    public static void UsePostgresByteOrderIds(this ModelBuilder modelBuilder)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.ClrType == typeof(string) && (property.Name == "Id" || property.Name.EndsWith("Id", StringComparison.Ordinal)))
            {
                property.SetCollation("C");
            }
        }
    }
}
