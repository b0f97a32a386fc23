using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Memory;

/// <summary>
/// <c>/memory/search_raw</c>: raw memories by tags and time ranges, sorted by a timestamp, paged by an opaque keyset cursor
/// (the sort value and id of the last row), so pages stay stable while rows are added.
/// </summary>
public sealed class RawMemorySearch(MirixDbContext db, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Sorts = ["updated_at", "-updated_at", "created_at", "-created_at", "occurred_at", "-occurred_at"];

    public sealed record TimeRange(DateTime? From, DateTime? To);

    public sealed record Request(
        string? UserId, FilterTagsFilter Tags, string Sort, string? Cursor, TimeRange Created, TimeRange Occurred, TimeRange Updated, int Limit);

    public sealed record Page(IReadOnlyList<RawMemory> Items, string? Cursor);

    public async Task<WriteOutcome<Page>> SearchAsync(Caller caller, Request request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var field = request.Sort.TrimStart('-');
        var descending = request.Sort.StartsWith('-');
        Expression<Func<RawMemory, DateTime>> key = field switch
        {
            "created_at" => r => r.CreatedAt,
            "occurred_at" => r => r.OccurredAt ?? r.CreatedAt,
            _ => r => r.UpdatedAt,
        };

        var query = db.RawMemories.WhereTags(db, request.Tags).AsNoTracking()
            .Visible(caller.OrganizationId, caller.BoundUserId ?? request.UserId, caller.ReadScopes, time.GetUtcNow().UtcDateTime);
        query = Within(query, r => r.CreatedAt, request.Created);
        query = Within(query, r => r.UpdatedAt, request.Updated);
        if (request.Occurred.From is { } occurredFrom)
        {
            query = query.Where(r => r.OccurredAt >= occurredFrom);
        }
        if (request.Occurred.To is { } occurredTo)
        {
            query = query.Where(r => r.OccurredAt <= occurredTo);
        }
        if (request.Cursor is not null)
        {
            if (!TryDecodeCursor(request.Cursor, field, out var after, out var afterId))
            {
                return WriteOutcome.Fail<Page>(WriteFailure.Rejected, "cursor is not a cursor of this sort order.");
            }
            query = query.Where(After(key, after, afterId, descending));
        }
        query = descending
            ? query.OrderByDescending(key).ThenByDescending(r => r.Id)
            : query.OrderBy(key).ThenBy(r => r.Id);

        var rows = await query.Take(request.Limit + 1).ToListAsync(ct);
        var hasMore = rows.Count > request.Limit;
        var items = rows.Take(request.Limit).ToList();
        var cursor = hasMore ? EncodeCursor(field, key.Compile()(items[^1]), items[^1].Id) : null;
        return WriteOutcome.Done(new Page(items, cursor));
    }

    private static IQueryable<RawMemory> Within(IQueryable<RawMemory> query, Expression<Func<RawMemory, DateTime>> column, TimeRange range)
    {
        if (range.From is { } from)
        {
            query = query.Where(Compare(column, from, ExpressionType.GreaterThanOrEqual));
        }
        if (range.To is { } to)
        {
            query = query.Where(Compare(column, to, ExpressionType.LessThanOrEqual));
        }
        return query;
    }

    private static Expression<Func<RawMemory, bool>> Compare(Expression<Func<RawMemory, DateTime>> column, DateTime value, ExpressionType op) =>
        Expression.Lambda<Func<RawMemory, bool>>(Expression.MakeBinary(op, column.Body, Constant(value)), column.Parameters);

    /// <summary>Rows strictly after (key, id) in the sort order.</summary>
    private static Expression<Func<RawMemory, bool>> After(Expression<Func<RawMemory, DateTime>> key, DateTime value, string id, bool descending)
    {
        var row = key.Parameters[0];
        var idCompare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!,
            Expression.Property(row, nameof(RawMemory.Id)), Expression.Constant(id));
        var beyond = descending ? ExpressionType.LessThan : ExpressionType.GreaterThan;
        var body = Expression.OrElse(
            Expression.MakeBinary(beyond, key.Body, Constant(value)),
            Expression.AndAlso(
                Expression.Equal(key.Body, Constant(value)),
                Expression.MakeBinary(beyond, idCompare, Expression.Constant(0))));
        return Expression.Lambda<Func<RawMemory, bool>>(body, row);
    }

    // Parameterised rather than inlined, so the database plans one statement for every cursor.
    private static MemberExpression Constant(DateTime value) =>
        Expression.Property(Expression.Constant(new Box(value)), nameof(Box.Value));

    private sealed record Box(DateTime Value);

    private static string EncodeCursor(string field, DateTime value, string id)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            [field] = value.ToString("O", CultureInfo.InvariantCulture),
            ["id"] = id,
        });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    private static bool TryDecodeCursor(string cursor, string field, out DateTime value, out string id)
    {
        value = default;
        id = "";
        try
        {
            var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)));
            if (fields is null || !fields.TryGetValue(field, out var text) || !fields.TryGetValue("id", out var cursorId)
                || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value))
            {
                return false;
            }
            id = cursorId;
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }
}
