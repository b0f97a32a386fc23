using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval.FullText;

/// <summary>
/// The lexemes in more than <see cref="MaxShare"/> of a PostgreSQL memory table's rows, from the planner's statistics
/// (<c>pg_stats.most_common_elems</c> of <c>search_vector</c>, kept by ANALYZE), refreshed every
/// <see cref="RefreshInterval"/>. They still rank, but with any-term matching a row must also hold an uncommon term when
/// the query has one: ranking the tens of thousands of rows that share only a common word was most of a query's time.
/// </summary>
public sealed class CommonLexemes(TimeProvider time)
{
    public const double MaxShare = 0.05;
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, (DateTimeOffset Loaded, string[] Lexemes)> _tables = new(StringComparer.Ordinal);

    public async Task<string[]> GetAsync(MirixDbContext db, string table, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        if (_tables.TryGetValue(table, out var known) && now - known.Loaded < RefreshInterval)
        {
            return known.Lexemes;
        }
        // most_common_elem_freqs ends with three summary numbers that have no element; unnest pairs them with nulls.
        var lexemes = await db.Database.SqlQueryRaw<string>(
            """
            SELECT e.elem AS "Value"
            FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(elem, freq)
            WHERE s.schemaname = current_schema() AND s.tablename = {0} AND s.attname = 'search_vector'
              AND e.elem IS NOT NULL AND e.freq > {1}
            """, table, MaxShare).ToArrayAsync(ct);
        _tables[table] = (now, lexemes);
        return lexemes;
    }
}
