using Microsoft.EntityFrameworkCore;
using Mirix.Api.Contracts;
using Mirix.Core.Memory;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>End users, organization-scoped. Every route is authenticated and confined to the caller's organization.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/users").WithTags("Users").RequireAuthorization();
        group.MapPost("/create_or_get", CreateOrGetUser).WithName("CreateOrGetUser").WithSummary("Gets or creates a user in the caller's organization.");
        group.MapGet("", ListUsers).WithName("ListUsers").WithSummary("Lists the users of the caller's organization.");
        group.MapGet("/{userId}", GetUser).WithName("GetUser").WithSummary("Gets a user of the caller's organization.");
        group.MapDelete("/{userId}", DeleteUser).WithName("DeleteUser").WithSummary("Soft-deletes a user and all of its memories, messages and blocks.");
        group.MapDelete("/{userId}/memories", PurgeUserMemories).WithName("PurgeUserMemories")
            .WithSummary("Hard-deletes every memory, message and block of a user; keeps the user.");
        return app;
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> CreateOrGetUser(
        CreateOrGetUserRequest request, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(request.OrgId) && request.OrgId != caller.OrganizationId)
        {
            return Problems.Forbidden("Users can only be created in the caller's own organization.");
        }
        if (request.Timezone is not null && !Timezones.IsValid(request.Timezone))
        {
            return Problems.BadRequest($"Unknown time zone '{request.Timezone}'.");
        }
        var userId = string.IsNullOrWhiteSpace(request.UserId) ? Core.Domain.IdGenerator.ShortHex("user") : request.UserId;
        if (caller.BoundUserId is not null && caller.BoundUserId != userId)
        {
            return Problems.Forbidden("This API key is bound to another user.");
        }
        var user = await UserDirectory.EnsureUserAsync(db, caller.OrganizationId, userId, request.Name, isAdmin: false, ct, request.Timezone);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(UserResponse.From(user));
    }

    public static async Task<Ok<List<UserResponse>>> ListUsers(
        Caller caller, MirixDbContext db, CancellationToken ct, string? cursor = null, int? limit = null)
    {
        var query = db.Users.AsNoTracking().Where(u => u.OrganizationId == caller.OrganizationId);
        if (caller.BoundUserId is not null)
        {
            query = query.Where(u => u.Id == caller.BoundUserId);
        }
        if (!string.IsNullOrEmpty(cursor))
        {
            query = query.Where(u => u.Id.CompareTo(cursor) > 0);
        }
        var users = await query.OrderBy(u => u.Id).Take(Paging.Clamp(limit)).ToListAsync(ct);
        return TypedResults.Ok(users.ConvertAll(UserResponse.From));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(string userId, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var user = await FindAsync(userId, caller, db, ct);
        return user is null ? Problems.NotFound($"User {userId} not found.") : TypedResults.Ok(UserResponse.From(user));
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> DeleteUser(string userId, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        if (!caller.CanWrite)
        {
            return Problems.Forbidden("A read-only client cannot delete users.");
        }
        var user = await FindAsync(userId, caller, db, ct);
        if (user is null)
        {
            return Problems.NotFound($"User {userId} not found.");
        }
        await TenantDeletion.SoftDeleteUserAsync(db, caller.OrganizationId, userId, ct);
        return TypedResults.Ok(new MessageResponse($"User {userId} and all associated memories deleted."));
    }

    public static async Task<Results<Ok<PurgeResponse>, ProblemHttpResult>> PurgeUserMemories(string userId, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        if (!caller.CanWrite)
        {
            return Problems.Forbidden("A read-only client cannot delete memories.");
        }
        var user = await FindAsync(userId, caller, db, ct);
        if (user is null)
        {
            return Problems.NotFound($"User {userId} not found.");
        }
        var deleted = await MemoryPurge.DeleteUserMemoriesAsync(db, caller.OrganizationId, userId, ct);
        return TypedResults.Ok(new PurgeResponse($"Deleted {deleted} memories, messages and blocks of user {userId}.", ["user"]));
    }

    private static Task<Core.Domain.User?> FindAsync(string userId, Caller caller, MirixDbContext db, CancellationToken ct) =>
        caller.BoundUserId is not null && caller.BoundUserId != userId
            ? Task.FromResult<Core.Domain.User?>(null)
            : db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.OrganizationId == caller.OrganizationId, ct);
}

public sealed record PurgeResponse(string Message, IReadOnlyList<string> Preserved);
