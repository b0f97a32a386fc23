using System.Globalization;
using Mirix.Core.Retrieval.FullText;

namespace Mirix.Core.Storage;

/// <summary>
/// The full-text index DDL of one memory table, for the migrations. PostgreSQL: a weighted <c>search_vector</c> tsvector
/// kept by a trigger (the date in words needs <c>to_char</c>, which a generated column may not call) and a GIN index.
/// SQLite: a contentless FTS5 table (porter stemming) of the fields and the owner's token, kept by triggers, keyed by a
/// side table because a rowid table's rowids may change on VACUUM. Triggers cover every write path, including cascades from purging a user.
/// </summary>
public static class FullTextDdl
{
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string CreatePostgres(FullTextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var t = table.Table;
        var vector = string.Join(" ||\n        ", table.Fields.Select((f, i) =>
            $"setweight(to_tsvector('english', {PostgresText(table, f)}), '{(char)('A' + i)}')"));
        return $"""
            ALTER TABLE {t} ADD COLUMN search_vector tsvector;
            CREATE FUNCTION {t}_search_vector() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
              NEW.search_vector :=
                {vector};
              RETURN NEW;
            END
            $fn$;
            CREATE TRIGGER {t}_search_vector BEFORE INSERT OR UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION {t}_search_vector();
            UPDATE {t} SET search_vector = NULL;
            CREATE INDEX ix_{t}_search_vector ON {t} USING gin (search_vector);
            """;
    }

    /// <summary>
    /// The RUM index of a memory table, where PostgreSQL has the extension (Debian's <c>postgresql-15-rum</c>): it keeps
    /// each lexeme's positions, so it returns matches in rank order without reading the rows, and it holds the user, so
    /// one user's matches are found without the other users'. Built by the migrator, not a migration, as the extension
    /// is optional.
    /// </summary>
    public static string CreatePostgresRanked(FullTextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"CREATE INDEX IF NOT EXISTS {RankedIndexName(table)} ON {table.Table} USING rum (search_vector rum_tsvector_ops, user_id rum_text_ops);";
    }

    public static string RankedIndexName(FullTextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"ix_{table.Table}_search_rum";
    }

    public static string DropPostgres(FullTextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var t = table.Table;
        return $"""
            DROP TRIGGER {t}_search_vector ON {t};
            DROP FUNCTION {t}_search_vector();
            ALTER TABLE {t} DROP COLUMN search_vector;
            """;
    }

    /// <param name="table">The memory table.</param>
    /// <param name="withOwner">
    /// Whether the index holds the owner's token and has its term counts (<see cref="FullTextTable.SqliteVocab"/>), as
    /// since migration FullTextOwnerToken.
    /// </param>
    public static string CreateSqlite(FullTextTable table, bool withOwner = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (t, fts, keys) = (table.Table, table.SqliteIndex, table.SqliteKeys);
        var columns = string.Join(", ", table.Fields.Select(f => f.Name).Concat(withOwner ? [FullTextTable.SqliteOwnerColumn] : []));
        string Values(string row) => string.Join(", ", table.Fields.Select(f => SqliteText(table, f, row)).Concat(withOwner ? [FullTextTable.SqliteOwnerSql(row)] : []));
        var changed = string.Join(", ", table.Fields.Select(f => f.Name).Concat(table.DateColumn is { } d ? [d] : []).Concat(withOwner ? ["organization_id", "user_id"] : []));
        return $"""
            CREATE TABLE {keys} (key INTEGER PRIMARY KEY, memory_id TEXT NOT NULL UNIQUE);
            CREATE VIRTUAL TABLE {fts} USING fts5({columns}, content='', contentless_delete=1, tokenize='porter unicode61');
            CREATE TRIGGER {t}_fts_insert AFTER INSERT ON {t} BEGIN
              INSERT INTO {keys}(memory_id) VALUES (new.id);
              INSERT INTO {fts}(rowid, {columns}) VALUES (last_insert_rowid(), {Values("new")});
            END;
            CREATE TRIGGER {t}_fts_update AFTER UPDATE OF {changed} ON {t} BEGIN
              DELETE FROM {fts} WHERE rowid = (SELECT key FROM {keys} WHERE memory_id = old.id);
              INSERT INTO {fts}(rowid, {columns}) VALUES ((SELECT key FROM {keys} WHERE memory_id = new.id), {Values("new")});
            END;
            CREATE TRIGGER {t}_fts_delete AFTER DELETE ON {t} BEGIN
              DELETE FROM {fts} WHERE rowid = (SELECT key FROM {keys} WHERE memory_id = old.id);
              DELETE FROM {keys} WHERE memory_id = old.id;
            END;
            INSERT INTO {keys}(memory_id) SELECT id FROM {t};
            INSERT INTO {fts}(rowid, {columns}) SELECT k.key, {Values("m")} FROM {t} m JOIN {keys} k ON k.memory_id = m.id;
            {(withOwner ? $"CREATE VIRTUAL TABLE {table.SqliteVocab} USING fts5vocab({fts}, 'row');" : "")}
            """;
    }

    public static string DropSqlite(FullTextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var t = table.Table;
        return $"""
            DROP TABLE IF EXISTS {table.SqliteVocab};
            DROP TRIGGER {t}_fts_insert;
            DROP TRIGGER {t}_fts_update;
            DROP TRIGGER {t}_fts_delete;
            DROP TABLE {table.SqliteIndex};
            DROP TABLE {table.SqliteKeys};
            """;
    }

    private static string PostgresText(FullTextTable table, FullTextField field)
    {
        var text = $"coalesce({field.Postgres("NEW")}, '')";
        return field.WithDate && table.DateColumn is { } date
            ? $"{text} || ' ' || coalesce(to_char(NEW.{date} AT TIME ZONE 'UTC', 'FMDD FMMonth YYYY'), '')"
            : text;
    }

    private static string SqliteText(FullTextTable table, FullTextField field, string row)
    {
        var text = $"coalesce({field.Sqlite(row)}, '')";
        if (!field.WithDate || table.DateColumn is not { } date)
        {
            return text;
        }
        var at = $"{row}.{date}";
        var month = "CASE strftime('%m', " + at + ")"
            + string.Concat(Months.Select((name, i) => string.Create(CultureInfo.InvariantCulture, $" WHEN '{i + 1:00}' THEN '{name}'")))
            + " END";
        return $"{text} || coalesce(' ' || CAST(strftime('%d', {at}) AS INTEGER) || ' ' || {month} || ' ' || strftime('%Y', {at}), '')";
    }
}
