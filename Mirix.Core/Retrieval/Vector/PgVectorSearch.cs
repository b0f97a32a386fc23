using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;
using Npgsql;

namespace Mirix.Core.Retrieval.Vector;

/// <summary>
/// Nearest memory vectors through pgvector, in the database. The tenant, type, field and model filters are in the same
/// query as the distance order, so PostgreSQL may walk the model's HNSW index (iterative scan keeps walking until enough
/// rows pass the filters, in exact distance order among those found) or read the user's rows by B-tree and sort them,
/// whichever it estimates cheaper. Scores are cosine similarities, as the in-process scan computes them.
/// </summary>
public sealed class PgVectorSearch(MirixDbContext db, PgVectorAvailability availability)
{
    public sealed record Match(string MemoryId, double Score);

    public sealed record Query(
        string Model, float[] Vector, string OrganizationId, string? UserId, string MemoryType, string Field, double? MaxDistance);

    public Task<bool> IsAvailableAsync(CancellationToken ct) => availability.IsAvailableAsync(db, ct);

    /// <summary>The <paramref name="limit"/> nearest vectors, nearest first.</summary>
    public async Task<List<Match>> NearestAsync(Query query, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var dims = query.Vector.Length;
        await availability.EnsureIndexAsync(db, query.Model, dims, ct);
        var vector = "[" + string.Join(",", query.Vector.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";
        var distance = $"e.embedding::vector({dims}) <=> @vq::vector({dims})";
        var parameters = new List<NpgsqlParameter>
        {
            new("vq", vector), new("vo", query.OrganizationId), new("vt", query.MemoryType), new("vf", query.Field), new("vk", limit),
        };
        var where = $"e.model = {PgVectorSchema.Literal(query.Model)} AND e.dimensions = {dims} AND e.organization_id = @vo AND e.memory_type = @vt AND e.field = @vf";
        if (query.UserId is not null)
        {
            parameters.Add(new("vu", query.UserId));
            where += " AND e.user_id = @vu";
        }
        if (query.MaxDistance is { } max)
        {
            parameters.Add(new("vd", max));
            where += $" AND {distance} < @vd";
        }
        var sql = $"SELECT e.memory_id AS memory_id, 1 - ({distance}) AS score FROM memory_embeddings e WHERE {where} ORDER BY {distance} LIMIT @vk";
        return await db.InTransactionAsync(async token =>
        {
            // Without iterative scans an HNSW walk yields ef_search rows before the tenant filter, often fewer than asked.
            await db.Database.ExecuteSqlRawAsync(
                "SELECT set_config('hnsw.iterative_scan', 'strict_order', true), set_config('hnsw.ef_search', '100', true)", token);
            // Identifiers and numbers are ours; the model is quoted; every request value is a parameter.
#pragma warning disable EF1002
            return await db.Database.SqlQueryRaw<Match>(sql, [.. parameters]).ToListAsync(token);
#pragma warning restore EF1002
        }, ct);
    }
}
