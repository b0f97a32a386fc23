using Mirix.Core.Domain;

namespace Mirix.Api.Endpoints;

/// <summary>Keyset paging as MIRIX lists do it: <c>cursor</c> is the last id of the previous page, <c>limit</c> caps the page.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    public static int Clamp(int? limit, int defaultLimit = DefaultLimit) => Math.Clamp(limit ?? defaultLimit, 1, MaxLimit);

    /// <summary>Why an explicit limit is out of range; null when it is not.</summary>
    public static string? LimitProblem(int? limit) => limit is < 1 or > MaxLimit ? $"limit must be between 1 and {MaxLimit}." : null;

    /// <summary>Why a cursor cannot be an id; null when it can.</summary>
    public static string? CursorProblem(string? cursor) =>
        cursor is not null && (cursor.Length is 0 or > 200 || cursor.Any(char.IsControl)) ? "cursor must be the last id of the previous page." : null;

    /// <summary>The page after <paramref name="cursor"/> in id order.</summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> query, string? cursor, int? limit, int defaultLimit = DefaultLimit) where T : Entity
    {
        if (!string.IsNullOrEmpty(cursor))
        {
            query = query.Where(e => e.Id.CompareTo(cursor) > 0);
        }
        return query.OrderBy(e => e.Id).Take(Clamp(limit, defaultLimit));
    }

    public static IEnumerable<T> Page<T>(this IEnumerable<T> items, string? cursor, int? limit) where T : Entity =>
        items.Where(e => string.IsNullOrEmpty(cursor) || string.CompareOrdinal(e.Id, cursor) > 0).OrderBy(e => e.Id, StringComparer.Ordinal).Take(Clamp(limit));
}
