using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval.FullText;

/// <summary>
/// Which query words are common in a SQLite memory table: their term (<see cref="PorterStemmer.Term"/>) is in more than
/// <see cref="CommonLexemes.MaxShare"/> of the rows and in at least <c>minRows</c> rows, counted by the table's
/// <c>fts5vocab</c> and kept for <see cref="CommonLexemes.RefreshInterval"/>. As on PostgreSQL, an any-term search does
/// not ask the index for them when the query has other words: FTS5 reads, counts and scores every row holding a word
/// it is asked for, and at a million memories a common word is hundreds of thousands of rows.
/// </summary>
public sealed class SqliteCommonTerms(TimeProvider time, int minRows = SqliteCommonTerms.DefaultMinRows) : IDisposable
{
    /// <summary>Below this many rows a word is never common: small tables are fast anyway, and keep their full ranking.</summary>
    public const int DefaultMinRows = 5_000;

    private readonly MemoryCache _counts = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>The common ones among <paramref name="words"/> (query tokens).</summary>
    public async Task<HashSet<string>> CommonAsync(MirixDbContext db, FullTextTable table, IEnumerable<string> words, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(words);
        var common = new HashSet<string>(StringComparer.Ordinal);
        var rows = await CountAsync(db, (table.Table, null), $"SELECT count(*) AS \"Value\" FROM {table.SqliteKeys}", [], ct);
        var threshold = Math.Max(minRows, CommonLexemes.MaxShare * rows);
        if (rows < threshold)
        {
            return common;
        }
        foreach (var word in words)
        {
            var term = PorterStemmer.Term(word);
            var holding = await CountAsync(db, (table.Table, term), $"SELECT coalesce(max(doc), 0) AS \"Value\" FROM {table.SqliteVocab} WHERE term = {{0}}", [term], ct);
            if (holding > threshold)
            {
                common.Add(word);
            }
        }
        return common;
    }

    /// <summary>A count from the cache, or read (names come from <see cref="FullTextTable"/>; the term is a parameter).</summary>
    private async Task<long> CountAsync(MirixDbContext db, (string Table, string? Term) key, string sql, object[] parameters, CancellationToken ct)
    {
        if (_counts.TryGetValue(key, out long known))
        {
            return known;
        }
#pragma warning disable EF1002
        var count = (await db.Database.SqlQueryRaw<long>(sql, parameters).ToListAsync(ct)).Single();
#pragma warning restore EF1002
        _counts.Set(key, count, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = time.GetUtcNow() + CommonLexemes.RefreshInterval });
        return count;
    }

    public void Dispose() => _counts.Dispose();
}
