using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;
using Npgsql;

namespace Mirix.Core.Retrieval.FullText;

/// <summary>
/// Full-text matches of one field of one memory type, ranked by the database's index: on PostgreSQL MIRIX's
/// <c>ts_rank_cd</c> over the weighted <c>search_vector</c> (GIN), query terms as prefixes restricted to the field's weight;
/// on SQLite FTS5's BM25 with porter stemming. The result composes with further LINQ (joined to the visible
/// memories); the naming convention maps its columns as snake_case.
/// </summary>
public sealed class FullTextSearch(MirixDbContext db, CommonLexemes common)
{
    /// <summary>Whether every term must occur (MIRIX tries all terms first) or any term may.</summary>
    public enum Terms
    {
        All,
        Any,
    }

    public sealed record Match(string MemoryId, double Score);

    /// <summary>The memories of the organization (and user, when given) whose field matches; empty when no term is left.</summary>
    public async Task<IQueryable<Match>?> MatchesAsync(
        string memoryType, string field, string organizationId, string? userId, string text, Terms terms, CancellationToken ct)
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
        if (postgres)
        {
            var weight = table.WeightOf(field);
            // Only the field's positions count: ts_rank_cd weights are listed D, C, B, A.
            var weights = string.Join(",", "DCBA".Select(w => w == weight ? "1" : "0"));
            parameters.Add(Parameter(postgres, "fts_text", string.Join(' ', tokens)));
            parameters.Add(new NpgsqlParameter("fts_common", await common.GetAsync(db, table.Table, ct)));
            // PostgreSQL stems the terms. Every term ranks (as MIRIX queries them: prefixes restricted to the field's weight),
            // but the index is asked only for the uncommon ones when there are any: rows that only share common words were
            // most of a query's time and never the best matches. With every term required, the common ones are checked on
            // the rows found ("IS TRUE" keeps PostgreSQL from reading their long posting lists from the index).
            var join = terms == Terms.All ? " & " : " | ";
            var allTerms = terms == Terms.All ? " AND (m.search_vector @@ query.ranked) IS TRUE" : "";
            sql = $"""
                WITH terms AS (SELECT lexeme FROM unnest(to_tsvector('english', @fts_text))),
                rare AS (
                  SELECT lexeme FROM terms WHERE lexeme <> ALL (@fts_common)
                  UNION ALL
                  SELECT lexeme FROM terms WHERE NOT EXISTS (SELECT 1 FROM terms WHERE lexeme <> ALL (@fts_common))),
                query AS (SELECT
                  (SELECT to_tsquery('simple', string_agg(quote_literal(lexeme) || ':*{weight}', '{join}')) FROM terms) AS ranked,
                  (SELECT to_tsquery('simple', string_agg(quote_literal(lexeme) || ':*{weight}', '{join}')) FROM rare) AS matched)
                SELECT m.id AS memory_id, ts_rank_cd(ARRAY[{weights}]::float4[], m.search_vector, query.ranked, 32)::float8 AS score
                FROM {table.Table} m, query
                WHERE m.organization_id = @fts_org{owner} AND m.search_vector @@ query.matched{allTerms}
                """;
        }
        else
        {
            var query = "{" + field + "} : (" + string.Join(terms == Terms.All ? " AND " : " OR ", tokens.Select(t => $"\"{t}\"")) + ")";
            parameters.Add(Parameter(postgres, "fts_q", query));
            sql = $"""
                SELECT k.memory_id AS memory_id, -bm25({table.SqliteIndex}) AS score
                FROM {table.SqliteIndex} JOIN {table.SqliteKeys} k ON k.key = {table.SqliteIndex}.rowid JOIN {table.Table} m ON m.id = k.memory_id
                WHERE {table.SqliteIndex} MATCH @fts_q AND m.organization_id = @fts_org{owner}
                """;
        }
        // Table and column names come from FullTextTable, never from the request; the terms are a parameter.
#pragma warning disable EF1002
        return db.Database.SqlQueryRaw<Match>(sql, [.. parameters]);
#pragma warning restore EF1002
    }

    private static DbParameter Parameter(bool postgres, string name, string value) =>
        postgres ? new NpgsqlParameter(name, value) : new SqliteParameter(name, value);
}
