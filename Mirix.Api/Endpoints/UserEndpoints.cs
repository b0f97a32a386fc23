using Microsoft.EntityFrameworkCore;
using Mirix.Core.Memory;
using Mirix.Core.Operations;
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
        group.MapDelete("/{userId}", DeleteUser).RequireAuthorization(Auth.AuthPolicies.Dashboard).WithName("DeleteUser")
            .WithSummary("Soft-deletes a user and all of its memories, messages and blocks (dashboard accounts only).");
        group.MapDelete("/{userId}/memories", PurgeUserMemories).WithName("PurgeUserMemories")
            .WithSummary("Hard-deletes a user's memories, messages and blocks (a client: those of its write scope; a dashboard account: all); keeps the user.");
        return app;
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> CreateOrGetUser(
        CreateOrGetUserRequest request, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        // As in MIRIX, the credential decides the organization: an org_id naming another one is not obeyed, and the user
        // is created (or found) in the caller's own.
        if (request.Timezone is not null && !Timezones.IsValid(request.Timezone))
        {
            return Problems.BadRequest($"Unknown time zone '{request.Timezone}'.");
        }
        var userId = string.IsNullOrWhiteSpace(request.UserId) ? Core.Domain.IdGenerator.ShortHex("user") : request.UserId;
        if (UserIds.Problem(userId) is { } invalid)
        {
            return Problems.Invalid(invalid);
        }
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
        var users = await query.Page(cursor, limit).ToListAsync(ct);
        return TypedResults.Ok(users.ConvertAll(UserResponse.From));
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(string userId, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var user = await FindAsync(userId, caller, db, ct);
        return user is null ? Problems.NotFound($"User {userId} not found.") : TypedResults.Ok(UserResponse.From(user));
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> DeleteUser(string userId, Caller caller, MirixDbContext db, CancellationToken ct)
    {
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
        if (!caller.CanWrite && caller.Method != AuthMethod.DashboardToken)
        {
            return Problems.Forbidden("A read-only client cannot delete memories.");
        }
        var user = await FindAsync(userId, caller, db, ct);
        if (user is null)
        {
            return Problems.NotFound($"User {userId} not found.");
        }
        // A client may only erase what it could have written; an organization's dashboard account erases everything.
        var onlyScope = caller.Method == AuthMethod.DashboardToken ? ((string, string)?)null : (caller.ClientId, caller.WriteScope!);
        var deleted = await MemoryPurge.DeleteUserMemoriesAsync(db, caller.OrganizationId, userId, onlyScope, ct);
        return TypedResults.Ok(new PurgeResponse($"Deleted {deleted} memories, messages and blocks of user {userId}.", ["user"]));
    }

    private static Task<Core.Domain.User?> FindAsync(string userId, Caller caller, MirixDbContext db, CancellationToken ct) =>
        caller.BoundUserId is not null && caller.BoundUserId != userId
            ? Task.FromResult<Core.Domain.User?>(null)
            : db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.OrganizationId == caller.OrganizationId, ct);
}
