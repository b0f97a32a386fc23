using Microsoft.EntityFrameworkCore;
using Mirix.Api.Auth;
using Mirix.Core.Domain;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// Organizations. MIRIX leaves these routes open and lists every tenant; here a caller sees only its own organization.
/// Organizations are created by an operator (a dashboard account of the default organization) or, in development
/// client-header mode, by the SDK's self-registration.
/// </summary>
public static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/organizations").WithTags("Organizations");
        group.MapGet("", ListOrganizations).RequireAuthorization().WithName("ListOrganizations").WithSummary("Lists the caller's organization.");
        group.MapPost("", CreateOrganization).RequireAuthorization().WithName("CreateOrganization").WithSummary("Creates an organization (operators only).");
        group.MapGet("/{orgId}", GetOrganization).RequireAuthorization().WithName("GetOrganization").WithSummary("Gets the caller's organization by id.");
        group.MapPost("/create_or_get", CreateOrGetOrganization)
            .RequireAuthorization(AuthPolicies.AllowUnregistered)
            .WithName("CreateOrGetOrganization")
            .WithSummary("Returns the caller's organization; in client-header mode, registers the header's organization.");
        return app;
    }

    public static async Task<Ok<List<OrganizationResponse>>> ListOrganizations(
        Caller caller, MirixDbContext db, CancellationToken ct, string? cursor = null, int? limit = null)
    {
        var orgs = await db.Organizations.AsNoTracking().Where(o => caller.IsOperator || o.Id == caller.OrganizationId)
            .Page(cursor, limit).ToListAsync(ct);
        return TypedResults.Ok(orgs.ConvertAll(OrganizationResponse.From));
    }

    public static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> GetOrganization(
        string orgId, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var org = orgId == caller.OrganizationId || caller.IsOperator ? await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orgId, ct) : null;
        return org is null ? Problems.NotFound($"Organization {orgId} not found.") : TypedResults.Ok(OrganizationResponse.From(org));
    }

    public static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> CreateOrGetOrganization(
        CreateOrGetOrganizationRequest request, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var orgId = string.IsNullOrWhiteSpace(request.OrgId) ? caller.OrganizationId : request.OrgId;
        if (orgId != caller.OrganizationId && !caller.IsOperator)
        {
            return Problems.Forbidden("A client can only use its own organization.");
        }
        var org = await db.Organizations.SingleOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null)
        {
            if (caller.IsRegistered && !caller.IsOperator)
            {
                return Problems.NotFound($"Organization {orgId} not found.");
            }
            org = new Organization { Id = orgId, Name = string.IsNullOrWhiteSpace(request.Name) ? orgId : request.Name };
            db.Organizations.Add(org);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(OrganizationResponse.From(org));
    }

    public static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> CreateOrganization(
        Caller caller, MirixDbContext db, CancellationToken ct, string? name = null,
        [Microsoft.AspNetCore.Mvc.FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] CreateOrganizationRequest? body = null)
    {
        if (!caller.IsOperator)
        {
            return Problems.Forbidden("Only an operator (a dashboard account of the default organization) can create organizations.");
        }
        // MIRIX takes the name as a query parameter; a JSON body {"name": ...} works too, rather than being ignored.
        name ??= body?.Name;
        var org = new Organization { Id = IdGenerator.ShortHex("org"), Name = string.IsNullOrWhiteSpace(name) ? "organization" : name };
        db.Organizations.Add(org);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OrganizationResponse.From(org));
    }
}
