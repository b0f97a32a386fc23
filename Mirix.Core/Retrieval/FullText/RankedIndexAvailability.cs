using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval.FullText;

/// <summary>
/// Whether full-text search may take its top matches from the RUM indexes: PostgreSQL, the migrator built them (the
/// extension is optional), and <see cref="StorageOptions.RankedFullTextIndex"/> allows it. Learnt once per process.
/// </summary>
public sealed class RankedIndexAvailability(StorageOptions options)
{
    private const int Unknown = 0, Yes = 1, No = 2;
    private int _available = Unknown;

    public async Task<bool> IsAvailableAsync(MirixDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!options.RankedFullTextIndex || !db.Database.IsNpgsql())
        {
            return false;
        }
        if (Volatile.Read(ref _available) is var known and not Unknown)
        {
            return known == Yes;
        }
        var indexes = FullTextTable.ByMemoryType.Values.Select(FullTextDdl.RankedIndexName).ToList();
        var found = await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY ({0})", indexes)
            .SingleAsync(ct) == indexes.Count;
        Volatile.Write(ref _available, found ? Yes : No);
        return found;
    }
}
