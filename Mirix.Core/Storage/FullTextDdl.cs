using System.Globalization;
using Mirix.Core.Retrieval.FullText;

namespace Mirix.Core.Storage;

/// <summary>
/// The full-text index DDL of one memory table, for the migrations. PostgreSQL: a weighted <c>search_vector</c> tsvector
/// kept by a trigger (the date in words needs <c>to_char</c>, which a generated column may not call) and a GIN index; the
/// same lexemes prefixed with the row's owner are in <c>owner_vector</c> (<see cref="PostgresFullTextLayout.OwnerColumn"/>).
/// SQLite: a contentless FTS5 table (porter stemming) of the fields, kept by triggers, keyed by a side table because a
/// rowid table's rowids may change on VACUUM; each user's keys lie in a range of their own (<see cref="SqliteFullTextLayout.OwnerKeyRanges"/>).
/// Triggers cover every write path, including cascades from purging a user.
/// </summary>
public static class FullTextDdl
{
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string CreatePostgres(FullTextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var t = table.Table;
        return $"""
            ALTER TABLE {t} ADD COLUMN search_vector tsvector;
            {PostgresVectorFunction(table, PostgresFullTextLayout.Plain)}
            CREATE TRIGGER {t}_search_vector BEFORE INSERT OR UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION {t}_search_vector();
            UPDATE {t} SET search_vector = NULL;
            CREATE INDEX ix_{t}_search_vector ON {t} USING gin (search_vector);
            """;
    }

    /// <summary>
    /// Makes every row's <c>search_vector</c> again in <paramref name="layout"/> (<see cref="PostgresFullTextLayout.Plain"/>
    /// or <see cref="PostgresFullTextLayout.OwnerLexemes"/>). The GIN index is dropped and built again (faster than updating
    /// it row by row), and so is the RUM index, by the migrator after the migrations.
    /// </summary>
    public static string RebuildPostgres(FullTextTable table, PostgresFullTextLayout layout)
    {
        ArgumentNullException.ThrowIfNull(table);
        var t = table.Table;
        return $"""
            DROP INDEX IF EXISTS {SharedRankedIndexName(table)};
            DROP INDEX IF EXISTS {RankedIndexName(table)};
            DROP INDEX ix_{t}_search_vector;
            {PostgresVectorFunction(table, layout)}
            UPDATE {t} SET search_vector = NULL;
            CREATE INDEX ix_{t}_search_vector ON {t} USING gin (search_vector);
            """;
    }

    /// <summary>
    /// Moves the owner's lexemes out of <c>search_vector</c> into <c>owner_vector</c>
    /// (<see cref="PostgresFullTextLayout.OwnerColumn"/>), with a GIN index of its own. Rewrites every row; the RUM index
    /// over both kinds of lexemes is dropped, and the migrator builds one over the owner's alone.
    /// </summary>
    public static string MoveOwnerLexemesToColumn(FullTextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var t = table.Table;
        return $"""
            DROP INDEX IF EXISTS {SharedRankedIndexName(table)};
            DROP INDEX ix_{t}_search_vector;
            ALTER TABLE {t} ADD COLUMN {OwnerColumn} tsvector;
            {PostgresVectorFunction(table, PostgresFullTextLayout.OwnerColumn)}
            UPDATE {t} SET search_vector = NULL;
            CREATE INDEX ix_{t}_search_vector ON {t} USING gin (search_vector);
            CREATE INDEX ix_{t}_{OwnerColumn} ON {t} USING gin ({OwnerColumn});
            """;
    }

    /// <summary>Undoes <see cref="MoveOwnerLexemesToColumn"/>: the owner's lexemes back in <c>search_vector</c>.</summary>
    public static string MoveOwnerLexemesBack(FullTextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var t = table.Table;
        return $"""
            DROP INDEX IF EXISTS {RankedIndexName(table)};
            DROP INDEX ix_{t}_{OwnerColumn};
            ALTER TABLE {t} DROP COLUMN {OwnerColumn};
            {RebuildPostgres(table, PostgresFullTextLayout.OwnerLexemes)}
            """;
    }

    /// <summary>The column of a user's own lexemes (<see cref="PostgresFullTextLayout.OwnerColumn"/>).</summary>
    public const string OwnerColumn = "owner_vector";

    /// <summary>
    /// The function of <see cref="PostgresFullTextLayout.OwnerLexemes"/>: the lexemes of a tsvector, each also prefixed with
    /// <c>owner</c>, with the same positions and weights. It writes the tsvector's text form, as PostgreSQL has no function
    /// that renames lexemes (and concatenating tsvectors would shift the copies' positions).
    /// </summary>
    public const string CreatePostgresOwnerLexemes = $$"""
        CREATE FUNCTION {{PostgresOwnerLexemes}}(vector tsvector, owner text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT coalesce(string_agg(
              '''' || replace(replace(l.lexeme, '\', '\\'), '''', '''''') || ''''
                || coalesce(':' || nullif(array_to_string(ARRAY(SELECT p.pos || p.w FROM unnest(u.positions, u.weights) AS p(pos, w)), ','), ''), ''),
              ' '), '')::tsvector
          FROM unnest(vector) AS u, LATERAL (VALUES (u.lexeme), (owner || u.lexeme)) AS l(lexeme)
        $fn$;
        """;

    public const string DropPostgresOwnerLexemes = $"DROP FUNCTION {PostgresOwnerLexemes}(tsvector, text);";

    private const string PostgresOwnerLexemes = "mirix_owner_lexemes";

    /// <summary>
    /// The function of <see cref="PostgresFullTextLayout.OwnerColumn"/>: the lexemes of a tsvector prefixed with
    /// <c>owner</c>, with their positions and weights, and not the lexemes themselves.
    /// </summary>
    public const string CreatePostgresOwnedLexemes = $$"""
        CREATE FUNCTION {{PostgresOwnedLexemes}}(vector tsvector, owner text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT coalesce(string_agg(
              '''' || replace(replace(owner || u.lexeme, '\', '\\'), '''', '''''') || ''''
                || coalesce(':' || nullif(array_to_string(ARRAY(SELECT p.pos || p.w FROM unnest(u.positions, u.weights) AS p(pos, w)), ','), ''), ''),
              ' '), '')::tsvector
          FROM unnest(vector) AS u
        $fn$;
        """;

    public const string DropPostgresOwnedLexemes = $"DROP FUNCTION {PostgresOwnedLexemes}(tsvector, text);";

    private const string PostgresOwnedLexemes = "mirix_owned_lexemes";

    /// <summary>The trigger function that computes a row's <c>search_vector</c> (and <c>owner_vector</c>) in <paramref name="layout"/>.</summary>
    private static string PostgresVectorFunction(FullTextTable table, PostgresFullTextLayout layout)
    {
        var vector = string.Join(" ||\n    ", table.Fields.Select((f, i) =>
            $"setweight(to_tsvector('english', {PostgresText(table, f, "NEW")}), '{(char)('A' + i)}')"));
        var owner = FullTextTable.PostgresOwnerPrefixSql("NEW");
        var body = layout switch
        {
            PostgresFullTextLayout.Plain => $"NEW.search_vector := {vector};",
            PostgresFullTextLayout.OwnerLexemes => $"NEW.search_vector := {PostgresOwnerLexemes}(\n    {vector},\n    {owner});",
            _ => $"NEW.search_vector := {vector};\n  NEW.{OwnerColumn} := {PostgresOwnedLexemes}(NEW.search_vector, {owner});",
        };
        return $"""
            CREATE OR REPLACE FUNCTION {table.Table}_search_vector() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
              {body}
              RETURN NEW;
            END
            $fn$;
            """;
    }

    /// <summary>
    /// The RUM index of a memory table, where PostgreSQL has the extension (Debian's <c>postgresql-15-rum</c>): it keeps
    /// each lexeme's positions, so it returns a user's matches in rank order without reading the rows. It holds the
    /// owner's lexemes alone (<see cref="PostgresFullTextLayout.OwnerColumn"/>). Built by the migrator, not a migration, as
    /// the extension is optional.
    /// </summary>
    public static string CreatePostgresRanked(FullTextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"CREATE INDEX IF NOT EXISTS {RankedIndexName(table)} ON {table.Table} USING rum ({OwnerColumn} rum_tsvector_ops);";
    }

    public static string RankedIndexName(FullTextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"ix_{table.Table}_owner_rum";
    }

    /// <summary>The RUM index of the layouts before <see cref="PostgresFullTextLayout.OwnerColumn"/>, over <c>search_vector</c>.</summary>
    private static string SharedRankedIndexName(FullTextTable table) => $"ix_{table.Table}_search_rum";

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

    /// <summary>The table giving each organization's user the slot of its key range (<see cref="SqliteFullTextLayout.OwnerKeyRanges"/>), shared by every memory table.</summary>
    public static string CreateSqliteOwners => $"""
        CREATE TABLE {FullTextTable.SqliteOwners} (
          slot INTEGER PRIMARY KEY, organization_id TEXT NOT NULL, user_id TEXT NOT NULL, UNIQUE (organization_id, user_id));
        """;

    public static string DropSqliteOwners => $"DROP TABLE {FullTextTable.SqliteOwners};";

    /// <param name="table">The memory table.</param>
    /// <param name="layout">The layout to build: each migration names the one it built.</param>
    public static string CreateSqlite(FullTextTable table, SqliteFullTextLayout layout)
    {
        ArgumentNullException.ThrowIfNull(table);
        var (t, fts, keys) = (table.Table, table.SqliteIndex, table.SqliteKeys);
        var withToken = layout == SqliteFullTextLayout.OwnerToken;
        var columns = string.Join(", ", table.Fields.Select(f => f.Name).Concat(withToken ? [SqliteOwnerColumn] : []));
        string Values(string row) => string.Join(", ", table.Fields.Select(f => SqliteText(table, f, row)).Concat(withToken ? [SqliteOwnerSql(row)] : []));
        var changed = string.Join(", ", table.Fields.Select(f => f.Name).Concat(table.DateColumn is { } d ? [d] : [])
            .Concat(layout == SqliteFullTextLayout.Plain ? [] : ["organization_id", "user_id"]));
        var vocabulary = layout == SqliteFullTextLayout.Plain ? "" : $"CREATE VIRTUAL TABLE {table.SqliteVocab} USING fts5vocab({fts}, 'row');";
        var (owners, span) = (FullTextTable.SqliteOwners, FullTextTable.SqliteKeySpan.ToString(CultureInfo.InvariantCulture));
        // Beyond the owner token's column, the layouts differ in their keys. With ranges a row's key is one past the
        // highest of its user's range (or the range's start), and a row given to another user moves to that user's
        // range: its key is made again.
        var ranges = layout == SqliteFullTextLayout.OwnerKeyRanges;
        string AddKey(string row) => ranges
            ? $"""
                INSERT OR IGNORE INTO {owners}(organization_id, user_id) VALUES ({row}.organization_id, {row}.user_id);
                INSERT INTO {keys}(key, memory_id) VALUES ((
                  SELECT coalesce((SELECT max(key) + 1 FROM {keys} WHERE key BETWEEN o.slot * {span} AND o.slot * {span} + {span} - 1), o.slot * {span})
                  FROM {owners} o WHERE o.organization_id = {row}.organization_id AND o.user_id = {row}.user_id), {row}.id);
                """
            : $"INSERT INTO {keys}(memory_id) VALUES ({row}.id);";
        var update = ranges
            ? $"""
                DELETE FROM {keys} WHERE memory_id = old.id;
                {AddKey("new")}
                INSERT INTO {fts}(rowid, {columns}) VALUES (last_insert_rowid(), {Values("new")});
                """
            : $"INSERT INTO {fts}(rowid, {columns}) VALUES ((SELECT key FROM {keys} WHERE memory_id = new.id), {Values("new")});";
        var existingKeys = ranges
            ? $"""
                INSERT OR IGNORE INTO {owners}(organization_id, user_id) SELECT DISTINCT organization_id, user_id FROM {t};
                INSERT INTO {keys}(key, memory_id)
                  SELECT o.slot * {span} + row_number() OVER (PARTITION BY o.slot ORDER BY m.rowid) - 1, m.id
                  FROM {t} m JOIN {owners} o ON o.organization_id = m.organization_id AND o.user_id = m.user_id;
                """
            : $"INSERT INTO {keys}(memory_id) SELECT id FROM {t};";
        return $"""
            CREATE TABLE {keys} (key INTEGER PRIMARY KEY, memory_id TEXT NOT NULL UNIQUE);
            CREATE VIRTUAL TABLE {fts} USING fts5({columns}, content='', contentless_delete=1, tokenize='porter unicode61');
            CREATE TRIGGER {t}_fts_insert AFTER INSERT ON {t} BEGIN
              {AddKey("new")}
              INSERT INTO {fts}(rowid, {columns}) VALUES (last_insert_rowid(), {Values("new")});
            END;
            CREATE TRIGGER {t}_fts_update AFTER UPDATE OF {changed} ON {t} BEGIN
              DELETE FROM {fts} WHERE rowid = (SELECT key FROM {keys} WHERE memory_id = old.id);
              {update}
            END;
            CREATE TRIGGER {t}_fts_delete AFTER DELETE ON {t} BEGIN
              DELETE FROM {fts} WHERE rowid = (SELECT key FROM {keys} WHERE memory_id = old.id);
              DELETE FROM {keys} WHERE memory_id = old.id;
            END;
            {existingKeys}
            INSERT INTO {fts}(rowid, {columns}) SELECT k.key, {Values("m")} FROM {t} m JOIN {keys} k ON k.memory_id = m.id;
            {vocabulary}
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

    /// <summary>The FTS5 column of <see cref="SqliteFullTextLayout.OwnerToken"/>.</summary>
    private const string SqliteOwnerColumn = "fts_owner";

    /// <summary>The owner token of <see cref="SqliteFullTextLayout.OwnerToken"/>: the hex of the row's organization and user ids.</summary>
    private static string SqliteOwnerSql(string row) => $"'u' || hex({row}.organization_id || char(31) || {row}.user_id)";

    /// <summary>
    /// The text of <paramref name="field"/> of <paramref name="row"/> with its date in words, as <see cref="SqliteText"/>
    /// gives it, on PostgreSQL: what <c>search_vector</c>'s trigger indexes and the term index reads.
    /// </summary>
    public static string PostgresText(FullTextTable table, FullTextField field, string row)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(field);
        var text = $"coalesce({field.Postgres(row)}, '')";
        return field.WithDate && table.DateColumn is { } date
            ? $"{text} || coalesce(' ' || to_char({row}.{date} AT TIME ZONE 'UTC', 'FMDD FMMonth YYYY'), '')"
            : text;
    }

    /// <summary>The text the FTS5 index holds for <paramref name="field"/> of <paramref name="row"/> (its date in words included).</summary>
    public static string SqliteText(FullTextTable table, FullTextField field, string row)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(field);
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
