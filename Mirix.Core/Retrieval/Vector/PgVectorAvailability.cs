using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval.Vector;

/// <summary>
/// Whether this process's database has pgvector's column (installed by the migrator), learnt once per process, and which
/// model indexes this process has already made sure of.
/// </summary>
public sealed class PgVectorAvailability
{
    private readonly ConcurrentDictionary<(string Model, int Dimensions), Task> _indexes = new();
    private const int Unknown = 0, Yes = 1, No = 2;
    private int _available = Unknown;

    public async Task<bool> IsAvailableAsync(MirixDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            return false;
        }
        if (Volatile.Read(ref _available) is var known and not Unknown)
        {
            return known == Yes;
        }
        var found = await db.Database.SqlQueryRaw<bool>(
            "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'memory_embeddings' AND column_name = 'embedding') AS \"Value\"")
            .SingleAsync(ct);
        Volatile.Write(ref _available, found ? Yes : No);
        return found;
    }

    public async Task EnsureIndexAsync(MirixDbContext db, string model, int dimensions, CancellationToken ct)
    {
        var task = _indexes.GetOrAdd((model, dimensions), key => PgVectorSchema.EnsureIndexAsync(db, key.Model, key.Dimensions, ct));
        try
        {
            await task;
        }
        catch
        {
            // A failed or cancelled attempt is tried again by the next search.
            _indexes.TryRemove(new((model, dimensions), task));
            throw;
        }
    }
}
