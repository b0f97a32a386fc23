using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Memory;

public static class FilterTagsQueries
{
    /// <summary>The rows of <typeparamref name="T"/> whose tags satisfy <paramref name="filter"/>; composable with further LINQ.</summary>
    public static IQueryable<T> WhereTags<T>(this DbSet<T> set, MirixDbContext db, FilterTagsFilter filter) where T : MemoryItem
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.IsEmpty)
        {
            return set;
        }
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = entity.GetTableName()!;
        var column = entity.FindProperty(nameof(MemoryItem.FilterTags))!.GetColumnName();
        var (predicate, parameters) = filter.ToSql(db.Database.IsNpgsql(), $"\"{column}\"");
        // Identifiers come from the model, never from the request; values are parameters.
#pragma warning disable EF1002
        return set.FromSqlRaw($"SELECT * FROM \"{table}\" WHERE {predicate}", [.. parameters]);
#pragma warning restore EF1002
    }
}
