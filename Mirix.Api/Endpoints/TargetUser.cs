using Microsoft.EntityFrameworkCore;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>The end user a memory route acts on: the given <c>user_id</c>, else the key's bound user, else the client's admin user.</summary>
internal static class TargetUser
{
    /// <summary>
    /// Resolves the user id and checks it may be used: a key bound to a user serves that user only, and a user of another
    /// organization is reported as not found. With <paramref name="createIfMissing"/>, the client's admin user is created on first use.
    /// </summary>
    public static async Task<(string? UserId, ProblemHttpResult? Problem)> ResolveAsync(
        Caller caller, string? userId, MirixDbContext db, CancellationToken ct, bool createIfMissing = false)
    {
        var resolved = string.IsNullOrWhiteSpace(userId) ? caller.BoundUserId ?? caller.AdminUserId : userId;
        if (UserIds.Problem(resolved) is { } invalid)
        {
            return (null, Problems.Invalid(invalid));
        }
        if (caller.BoundUserId is not null && caller.BoundUserId != resolved)
        {
            return (null, Problems.Forbidden("This API key is bound to another user."));
        }
        var exists = await db.Users.AnyAsync(u => u.OrganizationId == caller.OrganizationId && u.Id == resolved, ct);
        if (!exists && createIfMissing && resolved == caller.AdminUserId)
        {
            await UserDirectory.EnsureUserAsync(db, caller.OrganizationId, resolved, "admin_user", isAdmin: true, ct);
            await db.SaveChangesAsync(ct);
            return (resolved, null);
        }
        return exists ? (resolved, null) : (null, Problems.NotFound($"User {resolved} not found."));
    }
}
