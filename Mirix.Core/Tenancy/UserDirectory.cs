using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Tenancy;

/// <summary>Users are organization-scoped and created on first use, as MIRIX does.</summary>
public static class UserDirectory
{
    /// <summary>Returns the user of the organization, adding it to the context (unsaved) when it does not exist.</summary>
    public static async Task<User> EnsureUserAsync(
        MirixDbContext db, string organizationId, string userId, string? name, bool isAdmin, CancellationToken ct, string? timezone = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var user = db.Users.Local.FirstOrDefault(u => u.OrganizationId == organizationId && u.Id == userId)
            ?? await db.Users.IgnoreQueryFilters().SingleOrDefaultAsync(u => u.OrganizationId == organizationId && u.Id == userId, ct);
        if (user is not null)
        {
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
