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
}
