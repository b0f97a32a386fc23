using System.Globalization;
using System.Text;
using Mirix.Core.Retrieval.FullText;

namespace Mirix.Core.Storage;

/// <summary>
/// The DDL behind <see cref="TermIndexCache"/>: <see cref="FullTextTable.Generations"/> holds, per user and memory table, a
/// generation bumped by every change of the user's full-text documents there and the number of removals among them, kept
/// by triggers in the writer's transaction, so an in-process copy of the documents knows with one lookup whether it is
/// current, and whether reading the documents past its highest key brings it up to date.
/// </summary>
public static class FullTextGenerationsDdl
{
    /// <summary>
    /// SQLite: a row per user's key range (its slot in <see cref="FullTextTable.SqliteOwners"/>) and memory table, kept by
    /// triggers on the keys: every key added or removed counts, removals also on their own (an update removes its key and
    /// adds one). Keys grow in commit order, as SQLite has one writer. Existing ranges start at their key count.
    /// </summary>
    public static string CreateSqlite()
    {
        var (generations, span) = (FullTextTable.Generations, FullTextTable.SqliteKeySpan.ToString(CultureInfo.InvariantCulture));
        var ddl = new StringBuilder($"""
            CREATE TABLE {generations} (
              slot INTEGER NOT NULL, memory_table TEXT NOT NULL, generation INTEGER NOT NULL, deletions INTEGER NOT NULL,
              PRIMARY KEY (slot, memory_table)) WITHOUT ROWID;

            """);
        foreach (var table in FullTextTable.ByMemoryType.Values)
        {
            var (t, keys) = (table.Table, table.SqliteKeys);
            ddl.Append(CultureInfo.InvariantCulture, $"""
                CREATE TRIGGER {keys}_generation_insert AFTER INSERT ON {keys} BEGIN
                  INSERT INTO {generations} VALUES (new.key / {span}, '{t}', 1, 0)
                  ON CONFLICT (slot, memory_table) DO UPDATE SET generation = generation + 1;
                END;
                CREATE TRIGGER {keys}_generation_delete AFTER DELETE ON {keys} BEGIN
                  UPDATE {generations} SET generation = generation + 1, deletions = deletions + 1
                  WHERE slot = old.key / {span} AND memory_table = '{t}';
                END;
                INSERT INTO {generations} SELECT key / {span}, '{t}', count(*), 0 FROM {keys} GROUP BY key / {span};

                """);
        }
        return ddl.ToString();
    }

    public static string DropSqlite()
    {
        var ddl = new StringBuilder();
        foreach (var table in FullTextTable.ByMemoryType.Values)
        {
            ddl.Append(CultureInfo.InvariantCulture, $"DROP TRIGGER {table.SqliteKeys}_generation_insert; DROP TRIGGER {table.SqliteKeys}_generation_delete;\n");
        }
        return ddl.Append(CultureInfo.InvariantCulture, $"DROP TABLE {FullTextTable.Generations};").ToString();
    }

    /// <summary>
    /// PostgreSQL: each memory table gets an increasing key, <see cref="FullTextTable.PostgresKey"/> (an identity, indexed
    /// with the owner), and a row per user and memory table holds the generation, the removals and the row count, kept by
    /// a trigger on the memory table. An update counts only when the searched text, its date or the owner changed; it is
    /// a removal, as the row keeps its key. Identities are handed out before commit, so a row can commit after one with a
    /// higher key: the count tells a reader it missed one. Existing users start at their row count.
    /// </summary>
    public static string CreatePostgres()
    {
        var (generations, key) = (FullTextTable.Generations, FullTextTable.PostgresKey);
        var ddl = new StringBuilder($"""
            CREATE TABLE {generations} (
              organization_id text NOT NULL, user_id text NOT NULL, memory_table text NOT NULL,
              generation bigint NOT NULL, deletions bigint NOT NULL, row_count bigint NOT NULL,
              PRIMARY KEY (organization_id, user_id, memory_table));

            """);
        foreach (var table in FullTextTable.ByMemoryType.Values)
        {
            var t = table.Table;
            var columns = TextColumns(table);
            ddl.Append(CultureInfo.InvariantCulture, $$"""
                ALTER TABLE {{t}} ADD COLUMN {{key}} bigint GENERATED ALWAYS AS IDENTITY;
                CREATE INDEX ix_{{t}}_{{key}} ON {{t}} (organization_id, user_id, {{key}});
                CREATE FUNCTION {{t}}_fts_generation() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  IF TG_OP IN ('DELETE', 'UPDATE') THEN
                    UPDATE {{generations}} SET generation = generation + 1, deletions = deletions + 1, row_count = row_count - 1
                    WHERE organization_id = OLD.organization_id AND user_id = OLD.user_id AND memory_table = '{{t}}';
                  END IF;
                  IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    -- A row given to another user keeps its key, which that user's copies may have read past: the count tells them.
                    INSERT INTO {{generations}} VALUES (NEW.organization_id, NEW.user_id, '{{t}}', 1, 0, 1)
                    ON CONFLICT (organization_id, user_id, memory_table)
                    DO UPDATE SET generation = {{generations}}.generation + 1, row_count = {{generations}}.row_count + 1;
                  END IF;
                  RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER {{t}}_fts_generation_write AFTER INSERT OR DELETE ON {{t}}
                  FOR EACH ROW EXECUTE FUNCTION {{t}}_fts_generation();
                {{UpdateTriggerPostgres(t, columns)}}
                INSERT INTO {{generations}} SELECT organization_id, user_id, '{{t}}', count(*), 0, count(*) FROM {{t}} GROUP BY organization_id, user_id;

                """);
        }
        return ddl.ToString();
    }

    /// <summary>The columns whose change alters a memory's full-text document: its fields, its date and its owner.</summary>
    private static List<string> TextColumns(FullTextTable table) =>
        [.. table.Fields.Select(f => f.Name).Concat(table.DateColumn is { } d ? [d] : []).Concat(["organization_id", "user_id"])];

    /// <summary>
    /// The columns besides the text that the term index holds of each memory (<see cref="TermIndex.Memory"/>: what a search
    /// orders and filters its pools by), so that a change of any of them counts in the generation too.
    /// </summary>
    public static readonly IReadOnlyList<string> MemoryColumns = ["created_at", "expires_at", "superseded_at", "scope"];

    /// <summary>
    /// PostgreSQL: the update trigger of <see cref="CreatePostgres"/> also counts a change of <see cref="MemoryColumns"/>,
    /// as a removal and an addition (the row count stays), so copies holding the old values are read again.
    /// </summary>
    public static string CountMemoryChangesPostgres() => UpdateTriggersPostgres(table => [.. TextColumns(table), .. MemoryColumns]);

    /// <summary>Back to the update trigger of <see cref="CreatePostgres"/>.</summary>
    public static string UncountMemoryChangesPostgres() => UpdateTriggersPostgres(TextColumns);

    /// <summary>The trigger that counts an update of memory table <paramref name="t"/> that changed any of <paramref name="columns"/>.</summary>
    private static string UpdateTriggerPostgres(string t, List<string> columns) =>
        $"CREATE TRIGGER {t}_fts_generation_update AFTER UPDATE OF {string.Join(", ", columns)} ON {t} FOR EACH ROW"
        + $" WHEN ({string.Join(" OR ", columns.Select(c => $"OLD.{c} IS DISTINCT FROM NEW.{c}"))}) EXECUTE FUNCTION {t}_fts_generation();";

    private static string UpdateTriggersPostgres(Func<FullTextTable, List<string>> columnsOf)
    {
        var ddl = new StringBuilder();
        foreach (var table in FullTextTable.ByMemoryType.Values)
        {
            var (t, columns) = (table.Table, columnsOf(table));
            ddl.Append(CultureInfo.InvariantCulture, $"""
                DROP TRIGGER {t}_fts_generation_update ON {t};
                {UpdateTriggerPostgres(t, columns)}

                """);
        }
        return ddl.ToString();
    }

    /// <summary>
    /// SQLite: a change of <see cref="MemoryColumns"/> (or of the date) counts in the owner's range as a removal and an
    /// addition, as a rewritten text does, so copies holding the old values are read again. Text changes keep counting
    /// through the keys; an update of both counts twice, which only costs a reading.
    /// </summary>
    public static string CountMemoryChangesSqlite()
    {
        var ddl = new StringBuilder();
        foreach (var table in FullTextTable.ByMemoryType.Values)
        {
            var t = table.Table;
            List<string> columns = [.. MemoryColumns, .. table.DateColumn is { } d ? [d] : Array.Empty<string>()];
            ddl.Append(CultureInfo.InvariantCulture, $"""
                CREATE TRIGGER {t}_fts_generation_memory AFTER UPDATE OF {string.Join(", ", columns)} ON {t}
                WHEN {string.Join(" OR ", columns.Select(c => $"old.{c} IS NOT new.{c}"))} BEGIN
                  UPDATE {FullTextTable.Generations} SET generation = generation + 2, deletions = deletions + 1
                  WHERE memory_table = '{t}' AND slot = (
                    SELECT slot FROM {FullTextTable.SqliteOwners} WHERE organization_id = new.organization_id AND user_id = new.user_id);
                END;

                """);
        }
        return ddl.ToString();
    }

    public static string UncountMemoryChangesSqlite() =>
        string.Concat(FullTextTable.ByMemoryType.Values.Select(table => $"DROP TRIGGER {table.Table}_fts_generation_memory;\n"));

    public static string DropPostgres()
    {
        var ddl = new StringBuilder();
        foreach (var table in FullTextTable.ByMemoryType.Values)
        {
            var t = table.Table;
            ddl.Append(CultureInfo.InvariantCulture, $"""
                DROP TRIGGER {t}_fts_generation_write ON {t};
                DROP TRIGGER {t}_fts_generation_update ON {t};
                DROP FUNCTION {t}_fts_generation();
                ALTER TABLE {t} DROP COLUMN {FullTextTable.PostgresKey};

                """);
        }
        return ddl.Append(CultureInfo.InvariantCulture, $"DROP TABLE {FullTextTable.Generations};").ToString();
    }
}
