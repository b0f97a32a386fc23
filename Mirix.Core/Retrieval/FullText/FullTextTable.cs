using System.Security.Cryptography;
using System.Text;
using Mirix.Core.Memory;

namespace Mirix.Core.Retrieval.FullText;

/// <summary>
/// How one memory table is indexed for full-text search: its fields in MIRIX's weight order (A, B, C, D) with the SQL that
/// yields each field's text per provider, and the timestamp column whose date is indexed in words with the main fields.
/// </summary>
public sealed record FullTextTable(string MemoryType, string Table, IReadOnlyList<FullTextField> Fields, string? DateColumn)
{
    /// <summary>The index of every memory type, from its <see cref="MemoryKind"/>; the migrations that create the indexes say which of these they built.</summary>
    public static readonly IReadOnlyDictionary<string, FullTextTable> ByMemoryType = MemoryKinds.All.Values.ToDictionary(
        k => k.Name,
        k => new FullTextTable(k.Name, k.TableName, [.. k.SearchFields.Select(f => new FullTextField(f.Name, f.PostgresText) { WithDate = f.Dated })], k.DateColumn),
        StringComparer.Ordinal);

    /// <summary>The SQLite FTS5 table of the memory table.</summary>
    public string SqliteIndex => Table + "_fts";

    /// <summary>The SQLite table giving each memory a stable integer key for its FTS5 row.</summary>
    public string SqliteKeys => Table + "_fts_keys";

    /// <summary>The <c>fts5vocab</c> table of the FTS5 index: how many rows hold each term.</summary>
    public string SqliteVocab => Table + "_fts_vocab";

    /// <summary>The SQLite table giving each organization's user a slot: its memories' FTS5 keys lie in the slot's range.</summary>
    public const string SqliteOwners = "fts_owners";

    /// <summary>The table counting the changes of each user's full-text documents in each memory table (<see cref="Storage.FullTextGenerationsDdl"/>).</summary>
    public const string Generations = "fts_generations";

    /// <summary>The PostgreSQL column giving each memory an increasing key for its user's in-process term index.</summary>
    public const string PostgresKey = "fts_seq";

    /// <summary>How many FTS5 keys a user's slot spans, in every memory table: slot × span up to the next slot.</summary>
    public const long SqliteKeySpan = 1L << 32;

    /// <summary>
    /// The prefix of a user's own lexemes on PostgreSQL (<see cref="Storage.PostgresFullTextLayout.OwnerColumn"/>): "u", the
    /// first 16 hex digits of the SHA-256 of the organization and user ids, and "~", which the English parser never puts
    /// in a lexeme. Two users sharing a prefix (about 3 chances in 100 million among a million users) would only crowd each
    /// other's ranked pools: a search still keeps its own user's rows alone.
    /// </summary>
    public static string PostgresOwnerPrefix(string organizationId, string userId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(organizationId + OwnerSeparator + userId), hash);
        return "u" + Convert.ToHexStringLower(hash[..(OwnerPrefixHexDigits / 2)]) + "~";
    }

    /// <summary>The SQL of <see cref="PostgresOwnerPrefix"/> for a row (<c>NEW</c> in a trigger).</summary>
    public static string PostgresOwnerPrefixSql(string row) =>
        $"'u' || left(encode(sha256(convert_to({row}.organization_id || chr({(int)OwnerSeparator}) || {row}.user_id, 'UTF8')), 'hex'), {OwnerPrefixHexDigits}) || '~'";

    private const char OwnerSeparator = '\u001f';
    private const int OwnerPrefixHexDigits = 16;

    /// <summary>The PostgreSQL weight label (A-D) of a field, in MIRIX's order.</summary>
    public char WeightOf(string field) => (char)('A' + IndexOf(field));

    public int IndexOf(string field)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Name == field)
            {
                return i;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(field), field, $"Not a searchable field of {MemoryType}.");
    }
}

/// <summary>
/// A searchable field: its column, the PostgreSQL SQL of its text when the column is not text (<c>{row}</c> stands for the
/// row), and whether the memory's date in words is indexed with it (so "May 2023" finds what happened then).
/// </summary>
public sealed record FullTextField(string Name, string? PostgresText = null)
{
    public bool WithDate { get; init; }

    public string Postgres(string row) => (PostgresText ?? "{row}." + Name).Replace("{row}", row, StringComparison.Ordinal);

    public string Sqlite(string row) => row + "." + Name;
}
