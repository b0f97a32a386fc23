using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Tenancy;

/// <summary>Users are organization-scoped and created on first use, as MIRIX does.</summary>
public static class UserDirectory
{
    /// <summary>
    /// Returns the user, adding it to the context (unsaved) when it does not exist. A user id taken by another organization
    /// is refused: ids are global keys, and reusing one would cross the tenant boundary.
    /// </summary>
    public static async Task<User> EnsureUserAsync(
        MirixDbContext db, string organizationId, string userId, string? name, bool isAdmin, CancellationToken ct, string? timezone = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var user = db.Users.Local.FirstOrDefault(u => u.Id == userId)
            ?? await db.Users.IgnoreQueryFilters().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is not null)
        {
            if (user.OrganizationId != organizationId)
            {
                throw new TenantConflictException($"User id {userId} belongs to another organization.");
            }
            if (user.IsDeleted)
            {
                user.IsDeleted = false; // a deleted user re-created by id starts again, without its purged memories
            }
            return user;
        }
        user = new User
        {
            Id = userId,
            OrganizationId = organizationId,
            Name = string.IsNullOrWhiteSpace(name) ? userId : name,
            IsAdmin = isAdmin,
            Timezone = timezone ?? WellKnownIds.DefaultTimezone,
        };
        db.Users.Add(user);
        return user;
    }
}
