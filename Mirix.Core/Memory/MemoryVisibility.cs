using Mirix.Core.Domain;

namespace Mirix.Core.Memory;

/// <summary>The one filter every memory read goes through: tenant, owner, scope, expiry and supersession.</summary>
public static class MemoryVisibility
{
    /// <summary>
    /// Memories of <paramref name="userId"/> (or of every user when null) in <paramref name="organizationId"/>, readable with
    /// <paramref name="scopes"/> (<c>null</c> = no scope filter, empty = nothing), not expired at <paramref name="now"/>, and
    /// not superseded by a newer row unless <paramref name="includeSuperseded"/>.
    /// </summary>
    public static IQueryable<T> Visible<T>(
        this IQueryable<T> query, string organizationId, string? userId, IReadOnlyList<string>? scopes, DateTime now, bool includeSuperseded = false)
        where T : MemoryItem
    {
        ArgumentNullException.ThrowIfNull(query);
        query = query.Where(m => m.OrganizationId == organizationId && (m.ExpiresAt == null || m.ExpiresAt > now));
        if (!includeSuperseded)
        {
            query = query.Where(m => m.SupersededAt == null);
        }
        if (userId is not null)
        {
            query = query.Where(m => m.UserId == userId);
        }
        if (scopes is not null)
        {
            query = query.Where(m => m.Scope != null && scopes.Contains(m.Scope));
        }
        return query;
    }

    /// <summary>
    /// <see cref="Visible{T}"/> for a memory already known to be of the organization and user, from its scope, expiry and
    /// supersession as an in-process copy holds them.
    /// </summary>
    public static bool IsVisible(string? scope, DateTime? expiresAt, bool superseded, IReadOnlyList<string>? scopes, DateTime now, bool includeSuperseded = false) =>
        (expiresAt is null || expiresAt > now) && (includeSuperseded || !superseded) && (scopes is null || (scope is not null && scopes.Contains(scope)));
}
