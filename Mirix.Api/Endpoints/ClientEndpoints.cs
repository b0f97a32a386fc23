using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Mirix.Api.Auth;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Operations;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// Clients. Unlike MIRIX, every route is authenticated: a client may read and change itself; a dashboard account may
/// manage the clients of its own organization (an operator: of any); nobody else sees another organization's clients.
/// </summary>
public static class ClientEndpoints
{
    public static IEndpointRouteBuilder MapClientEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/clients").WithTags("Clients");
        group.MapPost("/create_or_get", CreateOrGetClient)
            .RequireAuthorization(AuthPolicies.AllowUnregistered)
            .WithName("CreateOrGetClient")
            .WithSummary("Returns the caller's client, registers a header-mode client, or (dashboard) creates one in the organization.");
        group.MapGet("", ListClients).RequireAuthorization().WithName("ListClients").WithSummary("Lists the clients of the caller's organization.");
        group.MapGet("/{clientId}", GetClient).RequireAuthorization().WithName("GetClient").WithSummary("Gets a client of the caller's organization.");
        group.MapPatch("/{clientId}", UpdateClient).RequireAuthorization().WithName("UpdateClient").WithSummary("Changes a client's name, status or scopes.");
        group.MapDelete("/{clientId}", DeleteClient).RequireAuthorization().WithName("DeleteClient").WithSummary("Soft-deletes a client, its agents and its memories; revokes its keys.");
        group.MapDelete("/{clientId}/memories", PurgeClientMemories).RequireAuthorization().WithName("PurgeClientMemories")
            .WithSummary("Hard-deletes every memory, message and block the client wrote; keeps the client.");
        return app;
    }

    internal static bool CanManage(Caller caller, Client client) =>
        caller.IsOperator
        || (client.OrganizationId == caller.OrganizationId && (caller.Method == AuthMethod.DashboardToken || caller.ClientId == client.Id));

    public static async Task<Results<Created<ClientResponse>, Ok<ClientResponse>, ProblemHttpResult>> CreateOrGetClient(
        CreateOrGetClientRequest request, Caller caller, MirixDbContext db, ClientDirectory directory, CancellationToken ct,
        [FromQuery(Name = "fail_if_exists")] bool failIfExists = false)
    {
        var clientId = string.IsNullOrWhiteSpace(request.ClientId) ? caller.ClientId : request.ClientId;
        var orgId = string.IsNullOrWhiteSpace(request.OrgId) ? caller.OrganizationId : request.OrgId;
        if (orgId != caller.OrganizationId && !caller.IsOperator)
        {
            return Problems.Forbidden("A client can only be created in the caller's own organization.");
        }
        if (clientId != caller.ClientId && caller.Method != AuthMethod.DashboardToken)
        {
            return Problems.Forbidden("Only a dashboard account can create or read other clients.");
        }

        var existing = await db.Clients.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (existing is not null)
        {
            if (existing.OrganizationId != orgId || existing.IsDeleted)
            {
                return Problems.Conflict($"Client id {clientId} is taken.");
            }
            return failIfExists ? Problems.Conflict($"Client {clientId} already exists.") : TypedResults.Ok(ClientResponse.From(existing));
        }
        if (caller.IsRegistered && clientId == caller.ClientId)
        {
            return Problems.NotFound($"Client {clientId} not found.");
        }
        if (!await db.Organizations.AnyAsync(o => o.Id == orgId, ct))
        {
            return Problems.NotFound($"Organization {orgId} not found; create it first.");
        }

        var client = new Client
        {
            Id = clientId,
            OrganizationId = orgId,
            Name = string.IsNullOrWhiteSpace(request.Name) ? clientId : request.Name,
            Status = string.IsNullOrWhiteSpace(request.Status) ? "active" : request.Status,
            WriteScope = string.IsNullOrWhiteSpace(request.WriteScope) ? null : request.WriteScope,
            ReadScopes = request.ReadScopes?.ToList() ?? [],
            CreatedById = caller.ClientId,
        };
        db.Clients.Add(client);
        await UserDirectory.EnsureUserAsync(db, orgId, client.AdminUserIdFor(), "admin_user", isAdmin: true, ct);
        await db.SaveChangesAsync(ct);
        directory.Forget(client.Id);
        // Escaped: a header holds ASCII only, and an id may be any text (Kestrel refused "client-✓" with a 500).
        return TypedResults.Created($"/clients/{Uri.EscapeDataString(client.Id)}", ClientResponse.From(client));
    }

    public static async Task<Ok<List<ClientResponse>>> ListClients(
        Caller caller, MirixDbContext db, CancellationToken ct, string? cursor = null, int? limit = null)
    {
        var query = db.Clients.AsNoTracking().Where(c => caller.IsOperator || c.OrganizationId == caller.OrganizationId);
        if (caller.Method != AuthMethod.DashboardToken)
        {
            query = query.Where(c => c.Id == caller.ClientId);
        }
        var clients = await query.Page(cursor, limit).ToListAsync(ct);
        return TypedResults.Ok(clients.ConvertAll(ClientResponse.From));
    }

    public static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> GetClient(string clientId, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        return client is null || !CanManage(caller, client)
            ? Problems.NotFound($"Client {clientId} not found.")
            : TypedResults.Ok(ClientResponse.From(client));
    }

    public static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> UpdateClient(
        string clientId, UpdateClientRequest request, Caller caller, MirixDbContext db, ClientDirectory directory, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null || !CanManage(caller, client))
        {
            return Problems.NotFound($"Client {clientId} not found.");
        }
        if (request.Status is not null && request.Status is not ("active" or "inactive"))
        {
            return Problems.Invalid("status must be 'active' or 'inactive'.");
        }
        client.Name = request.Name ?? client.Name;
        client.Status = request.Status ?? client.Status;
        client.WriteScope = request.WriteScope ?? client.WriteScope;
        client.ReadScopes = request.ReadScopes?.ToList() ?? client.ReadScopes;
        client.LastUpdatedById = caller.ClientId;
        await db.SaveChangesAsync(ct);
        directory.Forget(client.Id);
        return TypedResults.Ok(ClientResponse.From(client));
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> DeleteClient(
        string clientId, Caller caller, MirixDbContext db, ClientDirectory directory, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null || !CanManage(caller, client))
        {
            return Problems.NotFound($"Client {clientId} not found.");
        }
        await TenantDeletion.SoftDeleteClientAsync(db, client.OrganizationId, clientId, ct);
        directory.Forget(clientId);
        return TypedResults.Ok(new MessageResponse($"Client {clientId} deleted."));
    }

    public static async Task<Results<Ok<PurgeResponse>, ProblemHttpResult>> PurgeClientMemories(
        string clientId, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null || !CanManage(caller, client))
        {
            return Problems.NotFound($"Client {clientId} not found.");
        }
        var deleted = await MemoryPurge.DeleteClientMemoriesAsync(db, client.OrganizationId, clientId, ct);
        // What stays, in the shape the user purge answers: the client itself, its agents and its API keys.
        return TypedResults.Ok(new PurgeResponse($"Deleted {deleted} memories, messages and blocks written by client {clientId}.", ["client", "agents", "api_keys"]));
    }
}
