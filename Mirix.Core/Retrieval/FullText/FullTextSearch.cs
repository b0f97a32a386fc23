using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;
using Npgsql;

namespace Mirix.Core.Retrieval.FullText;

/// <summary>
/// Full-text matches of one field of one memory type, ranked by the database: on PostgreSQL MIRIX's <c>ts_rank_cd</c>
/// over the weighted <c>search_vector</c>, query terms as stemmed lexemes (restricted to the field's weight when the table
/// indexes several fields); on SQLite FTS5's BM25 with porter stemming. On PostgreSQL a user's search matches the user's
/// own copies of the lexemes (<see cref="PostgresFullTextLayout.OwnerColumn"/>); with the RUM indexes, a user's any-term
/// query takes the index's best matches in its rank order and scores only those, instead of reading and scoring every
/// match; on SQLite a user's search finds and ranks that user's matches inside FTS5 and reads only the best of them
/// (<see cref="Matches.Capped"/> says so for both). The result composes with further LINQ (joined to the visible memories); the
/// naming convention maps its columns as snake_case. <see cref="MemorySearch"/> ranks a user's searches with the user's
/// <see cref="TermIndex"/> instead; this serves searches across users, and the searches of a user with more memories of a
/// type than a term index takes (<see cref="TermIndexCache.DefaultMaxDocuments"/>). FTS5 is the index's reference in tests.
/// </summary>
public sealed class FullTextSearch(MirixDbContext db, CommonLexemes common, SqliteCommonTerms sqliteCommon, RankedIndexAvailability rankedIndex)
{
    /// <summary>Whether every term must occur (MIRIX tries all terms first) or any term may.</summary>
    public enum Terms
    {
        All,
        Any,
    }

    public sealed record Match(string MemoryId, double Score);

    /// <summary>
    /// The matches; <paramref name="Capped"/> when only the index's best <see cref="RankedPool"/> were scored, so a caller
    /// that filters them further and keeps too few asks again with <c>ranked: false</c>.
    /// </summary>
    public sealed record Matches(IQueryable<Match> Query, bool Capped);

    /// <summary>How many of the RUM index's best matches are scored for <paramref name="limit"/> results.</summary>
    public static int RankedPool(int limit) => Math.Max(limit + (limit / 4), 100);

    /// <summary>The stemmed lexemes of texts this scope (one request) has searched: MIRIX's bm25 asks twice per text.</summary>
    private readonly Dictionary<string, List<string>> _lexemes = new(StringComparer.Ordinal);

    /// <summary>Whether capped matches filled the index's pool, so that more would have been found without the cap.</summary>
    public static async Task<bool> FilledPoolAsync(Matches matches, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(matches);
        return matches.Capped && await matches.Query.CountAsync(ct) >= RankedPool(limit);
    }

    /// <summary>The memories of the organization (and user, when given) whose field matches; null when no term is left.</summary>
    public async Task<Matches?> MatchesAsync(
        string memoryType, string field, string organizationId, string? userId, string text, Terms terms, int limit, CancellationToken ct,
        bool ranked = true)
    {
        var table = FullTextTable.ByMemoryType[memoryType];
        var tokens = TextScoring.Tokens(text).Distinct().ToList();
        if (tokens.Count == 0)
        {
            return null;
        }
        var postgres = db.Database.IsNpgsql();
        var parameters = new List<DbParameter> { Parameter(postgres, "fts_org", organizationId) };
        var owner = "";
        if (userId is not null)
        {
            parameters.Add(Parameter(postgres, "fts_user", userId));
            owner = " AND m.user_id = @fts_user";
        }
        string sql;
        var capped = false;
        if (postgres)
        {
            // PostgreSQL stems the terms first, so the queries below are plain parameters the planner can see.
            var words = string.Join(' ', tokens);
            if (!_lexemes.TryGetValue(words, out var lexemes))
            {
                lexemes = await db.Database.SqlQueryRaw<string>(
                    "SELECT lexeme AS \"Value\" FROM unnest(to_tsvector('english', {0}))", words).ToListAsync(ct);
                _lexemes[words] = lexemes;
            }
            if (lexemes.Count == 0)
            {
                return null;
            }
            // Every term ranks, but the index is asked only for the uncommon ones when there are any: rows that only share
            // common words were most of a query's time and never the best matches. With every term required, the common
            // ones are checked on the rows found ("IS TRUE" keeps PostgreSQL from reading their long posting lists).
            // A user's search asks owner_vector for the user's own copies of the lexemes, whose postings hold only its rows.
            var commonLexemes = (await common.GetAsync(db, table.Table, ct)).ToHashSet(StringComparer.Ordinal);
            var rare = lexemes.Where(l => !commonLexemes.Contains(l)).ToList();
            var weight = table.Fields.Count > 1 ? ":" + table.WeightOf(field) : "";
            var join = terms == Terms.All ? " & " : " | ";
            var owned = userId is null ? "" : FullTextTable.PostgresOwnerPrefix(organizationId, userId);
            // Cast, not to_tsquery: the lexemes are already what the index holds, and a parser would split the owner's prefix.
            string Query(IEnumerable<string> words, string prefix) => string.Join(join, words.Select(w =>
                "'" + (prefix + w).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'" + weight));
            parameters.Add(Parameter(postgres, "fts_ranked", Query(lexemes, "")));
            parameters.Add(Parameter(postgres, "fts_matched", Query(rare.Count > 0 ? rare : lexemes, owned)));
            // Only the field's positions count: ts_rank_cd weights are listed D, C, B, A.
            var weights = string.Join(",", "DCBA".Select(w => w == table.WeightOf(field) ? "1" : "0"));
            var score = $"ts_rank_cd(ARRAY[{weights}]::float4[], m.search_vector, @fts_ranked::tsquery, 32)::float8";
            var allTerms = terms == Terms.All ? " AND (m.search_vector @@ @fts_ranked::tsquery) IS TRUE" : "";
            var column = userId is null ? "search_vector" : FullTextDdl.OwnerColumn;
            // All terms required: the uncommon terms together match few rows, which the GIN index finds by intersecting
            // posting lists; ranking inside the RUM index pays off when any term may match. The RUM index holds the
            // owners' lexemes only, so a search across users scores every match.
            var pool = ranked && terms == Terms.Any && userId is not null && await rankedIndex.IsAvailableAsync(db, ct)
                ? $" ORDER BY m.{column} <=> @fts_matched::tsquery LIMIT {RankedPool(limit).ToString(CultureInfo.InvariantCulture)}"
                : "";
            capped = pool.Length > 0;
            // A user's own lexemes name the user already, so the owner is checked on the rows the index found. Asked in the
            // same query, PostgreSQL also read the user's whole entry in another index and then ranked outside RUM (50 ms).
            var (found, kept) = userId is null ? ($"m.organization_id = @fts_org AND ", "") : ("", $" AND m.organization_id = @fts_org{owner}");
            sql = $"""
                WITH matched AS MATERIALIZED (
                  SELECT m.id, m.organization_id, m.user_id, m.search_vector FROM {table.Table} m
                  WHERE {found}m.{column} @@ @fts_matched::tsquery{pool})
                SELECT m.id AS memory_id, {score} AS score
                FROM matched m
                WHERE TRUE{kept}{allTerms}
                """;
        }
        else
        {
            // As on PostgreSQL, any-term matching asks the index only for the query's uncommon words when it has some; here
            // they alone rank, as FTS5 scores what it is asked for.
            var asked = tokens;
            if (terms == Terms.Any)
            {
                var commonWords = await sqliteCommon.CommonAsync(db, table, tokens, ct);
                var rare = tokens.Where(t => !commonWords.Contains(t)).ToList();
                asked = rare.Count > 0 ? rare : tokens;
            }
            var query = "{" + field + "} : (" + string.Join(terms == Terms.All ? " AND " : " OR ", asked.Select(t => $"\"{t}\"")) + ")";
            var rank = $"bm25({table.SqliteIndex}, {string.Join(", ", table.Fields.Select(_ => "1.0"))})";
            if (userId is not null)
            {
                // The user's rows have keys in a range of their own: FTS5 seeks to it in each word's postings, ranks the
                // user's matches in C and hands over only its best. Joining every user's matches to the table to find
                // this user's took a second at a million memories. A range belongs to one organization and user (fts_owners),
                // so the matches' rows are not read here to check the owner: the caller joins them to the visible memories.
                capped = ranked;
                var pool = ranked ? $" ORDER BY {rank} LIMIT {RankedPool(limit).ToString(CultureInfo.InvariantCulture)}" : "";
                var (owners, span) = (FullTextTable.SqliteOwners, FullTextTable.SqliteKeySpan.ToString(CultureInfo.InvariantCulture));
                var slot = $"(SELECT slot * {span} FROM {owners} WHERE organization_id = @fts_org AND user_id = @fts_user)";
                sql = $"""
                    WITH matched AS MATERIALIZED (
                      SELECT rowid AS key, -{rank} AS score FROM {table.SqliteIndex}
                      WHERE {table.SqliteIndex} MATCH @fts_q AND rowid >= {slot} AND rowid < {slot} + {span}{pool})
                    SELECT k.memory_id AS memory_id, matched.score AS score
                    FROM matched JOIN {table.SqliteKeys} k ON k.key = matched.key
                    """;
            }
            else
            {
                // Materialized: flattened into the caller's join, SQLite drove it from the user's rows and ran the full-text
                // match once per row (140 ms for 600 rows on LoCoMo instead of a few).
                sql = $"""
                    WITH matched AS MATERIALIZED (
                      SELECT k.memory_id AS memory_id, -{rank} AS score
                      FROM {table.SqliteIndex} JOIN {table.SqliteKeys} k ON k.key = {table.SqliteIndex}.rowid JOIN {table.Table} m ON m.id = k.memory_id
                      WHERE {table.SqliteIndex} MATCH @fts_q AND m.organization_id = @fts_org)
                    SELECT memory_id, score FROM matched
                    """;
            }
            parameters.Add(Parameter(postgres, "fts_q", query));
        }
        // Table and column names come from FullTextTable, never from the request; the terms are parameters.
#pragma warning disable EF1002
        return new Matches(db.Database.SqlQueryRaw<Match>(sql, [.. parameters]), capped);
#pragma warning restore EF1002
    }

    private static DbParameter Parameter(bool postgres, string name, string value) =>
        postgres ? new NpgsqlParameter(name, value) : new SqliteParameter(name, value);
}
