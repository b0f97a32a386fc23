using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>API keys of a client: created (shown once) and revoked by a dashboard account of the organization or the client itself.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/clients/{clientId}/api-keys").WithTags("API keys").RequireAuthorization();
        group.MapPost("", CreateApiKey).WithName("CreateApiKey").WithSummary("Creates an API key; the raw key is in this answer only.");
        group.MapGet("", ListApiKeys).WithName("ListApiKeys").WithSummary("Lists a client's keys, without their values.");
        group.MapDelete("/{apiKeyId}", RevokeApiKey).WithName("RevokeApiKey").WithSummary("Revokes a key; it stops working within seconds everywhere.");
        return app;
    }

    public static async Task<Results<Ok<ApiKeyCreatedResponse>, ProblemHttpResult>> CreateApiKey(
        string clientId, CreateApiKeyRequest? request, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null || !ClientEndpoints.CanManage(caller, client))
        {
            return Problems.NotFound($"Client {clientId} not found.");
        }
        if (caller.Method == AuthMethod.ApiKey)
        {
            return Problems.Forbidden("API keys are created by a dashboard account, not with another API key.");
        }
        var permission = request?.Permission ?? "all";
        if (permission is not ("all" or "restricted" or "read_only"))
        {
            return Problems.Invalid("permission must be 'all', 'restricted' or 'read_only'.");
        }
        if (request?.UserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId && u.OrganizationId == client.OrganizationId, ct))
        {
            return Problems.BadRequest($"User {userId} does not exist in the client's organization.");
        }
        var raw = ApiKeys.Generate();
        var key = new ClientApiKey
        {
            Id = IdGenerator.Uuid(ClientApiKey.IdPrefix),
            ClientId = client.Id,
            OrganizationId = client.OrganizationId,
            ApiKeyHash = ApiKeys.Hash(raw),
            Name = request?.Name,
            Permission = permission,
            UserId = request?.UserId,
            CreatedById = caller.ClientId,
        };
        db.ClientApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ApiKeyCreatedResponse(key.Id, key.ClientId, key.Name, raw, key.Status, key.Permission, key.UserId, key.CreatedAt));
    }

    public static async Task<Results<Ok<List<ApiKeyResponse>>, ProblemHttpResult>> ListApiKeys(
        string clientId, Caller caller, MirixDbContext db, CancellationToken ct, string? cursor = null, int? limit = null)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null || !ClientEndpoints.CanManage(caller, client))
        {
            return Problems.NotFound($"Client {clientId} not found.");
        }
        var keys = await db.ClientApiKeys.AsNoTracking().Where(k => k.ClientId == clientId).Page(cursor, limit).ToListAsync(ct);
        return TypedResults.Ok(keys.ConvertAll(ApiKeyResponse.From));
    }

    public static async Task<Results<Ok<ApiKeyRevokedResponse>, ProblemHttpResult>> RevokeApiKey(
        string clientId, string apiKeyId, Caller caller, MirixDbContext db, ClientDirectory directory, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        var key = client is null || !ClientEndpoints.CanManage(caller, client)
            ? null
            : await db.ClientApiKeys.SingleOrDefaultAsync(k => k.Id == apiKeyId && k.ClientId == clientId, ct);
        if (key is null)
        {
            return Problems.NotFound($"API key {apiKeyId} not found.");
        }
        key.Status = ApiKeyStatus.Revoked;
        key.LastUpdatedById = caller.ClientId;
        await db.SaveChangesAsync(ct);
        directory.Forget(clientId, key.ApiKeyHash);
        return TypedResults.Ok(new ApiKeyRevokedResponse("API key revoked.", key.Id));
    }
}
