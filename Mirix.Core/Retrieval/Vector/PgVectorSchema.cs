using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval.Vector;

/// <summary>
/// pgvector's part of the schema, added when the server has the extension (the AppHost's image does; Debian's PostgreSQL
/// does not, and search then scans vectors in process). <c>memory_embeddings.vector</c> stays the portable source of truth;
/// a trigger copies it into an <c>embedding vector</c> column, so every write path keeps both, and each model gets a partial
/// HNSW cosine index over its own dimension.
/// </summary>
public static class PgVectorSchema
{
    /// <summary>Idempotent: the column, the float32 decoder, the trigger and the backfill of rows written before.</summary>
    public const string Install = """
        ALTER TABLE memory_embeddings ADD COLUMN IF NOT EXISTS embedding vector;
        CREATE OR REPLACE FUNCTION mirix_vector_from_float32le(b bytea) RETURNS vector
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
          SELECT array_agg(CASE WHEN (w & 2139095040) = 0 THEN 0::float4
                           ELSE ((CASE WHEN w < 0 THEN -1 ELSE 1 END) * (1 + (w & 8388607)::float8 / 8388608)
                                 * power(2::float8, ((w >> 23) & 255) - 127))::float4 END ORDER BY i)::vector
          FROM (SELECT i, get_byte(b, 4 * i) | (get_byte(b, 4 * i + 1) << 8) | (get_byte(b, 4 * i + 2) << 16)
                        | (get_byte(b, 4 * i + 3) << 24) AS w
                FROM generate_series(0, length(b) / 4 - 1) AS i) AS words
        $fn$;
        CREATE OR REPLACE FUNCTION memory_embeddings_vector() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
          NEW.embedding := mirix_vector_from_float32le(NEW.vector);
          RETURN NEW;
        END
        $fn$;
        DROP TRIGGER IF EXISTS memory_embeddings_vector ON memory_embeddings;
        CREATE TRIGGER memory_embeddings_vector BEFORE INSERT OR UPDATE OF vector ON memory_embeddings
          FOR EACH ROW EXECUTE FUNCTION memory_embeddings_vector();
        UPDATE memory_embeddings SET embedding = mirix_vector_from_float32le(vector) WHERE embedding IS NULL;
        """;

    /// <summary>The partial HNSW index of one model's vectors (created on its first search; instant on an empty table).</summary>
    public static async Task EnsureIndexAsync(MirixDbContext db, string model, int dimensions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var name = "ix_memory_embeddings_hnsw_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{model}/{dimensions}")))[..16];
        var sql = $"CREATE INDEX IF NOT EXISTS {name} ON memory_embeddings USING hnsw ((embedding::vector({dimensions})) vector_cosine_ops) "
            + $"WHERE model = {Literal(model)} AND dimensions = {dimensions}";
        try
        {
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState is Npgsql.PostgresErrorCodes.DuplicateTable or Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            // another process created it at the same moment
        }
    }

    /// <summary>A model name as an SQL literal (names come from configuration; quoted anyway).</summary>
    public static string Literal(string text) => "'" + (text ?? throw new ArgumentNullException(nameof(text))).Replace("'", "''", StringComparison.Ordinal) + "'";
}
