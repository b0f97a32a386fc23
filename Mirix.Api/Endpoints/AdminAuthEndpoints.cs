using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Mirix.Api.Auth;
using Mirix.Core.Domain;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// Dashboard accounts. Registration is open only until the first account exists; after that only a signed-in account
/// can register another (MIRIX leaves it open forever). Login does not reveal whether an email has an account.
/// </summary>
public static class AdminAuthEndpoints
{
    private const int MinimumPasswordLength = 8;
    private static readonly PasswordHasher<Client> Hasher = new();

    public static IEndpointRouteBuilder MapAdminAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/auth").WithTags("Dashboard auth");
        group.MapPost("/register", Register).AllowAnonymous().WithName("RegisterDashboardAccount")
            .WithSummary("Creates a dashboard account (a client with write scope 'admin'); open only until the first account exists.");
        group.MapPost("/login", Login).AllowAnonymous().WithName("Login").WithSummary("Exchanges email and password for a bearer token.");
        group.MapGet("/me", Me).RequireAuthorization(AuthPolicies.Dashboard).WithName("CurrentAccount").WithSummary("The signed-in account.");
        group.MapPost("/change-password", ChangePassword).RequireAuthorization(AuthPolicies.Dashboard)
            .WithName("ChangePassword").WithSummary("Changes the signed-in account's password.");
        group.MapGet("/check-setup", CheckSetup).AllowAnonymous().WithName("CheckSetup").WithSummary("Whether the first account still has to be registered.");
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Register(
        RegisterRequest request, HttpContext context, MirixDbContext db, DashboardTokens tokens, CancellationToken ct)
    {
        // UseAuthentication already ran the Mirix scheme: a valid bearer token left its Caller on the request.
        if (await AnyAccountAsync(db, ct) && context.Features.Get<Caller>() is not { Method: AuthMethod.DashboardToken })
        {
            return Problems.Forbidden("Registration is closed: an account exists. Sign in with it to register another.");
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            return Problems.Invalid("name is required and must be at most 100 characters.");
        }
        if (string.IsNullOrWhiteSpace(request.Email) || !request.Email.Contains('@', StringComparison.Ordinal))
        {
            return Problems.Invalid("email must be an email address.");
        }
        if (request.Password is null || request.Password.Length < MinimumPasswordLength)
        {
            return Problems.Invalid($"password must have at least {MinimumPasswordLength} characters.");
        }
        var email = request.Email.Trim().ToLowerInvariant();
        if (await db.Clients.IgnoreQueryFilters().AnyAsync(c => c.Email == email, ct))
        {
            return Problems.BadRequest("An account with this email already exists.");
        }

        var client = new Client
        {
            Id = IdGenerator.ShortHex("client"),
            OrganizationId = WellKnownIds.DefaultOrganizationId,
            Name = request.Name,
            Email = email,
            WriteScope = "admin",
            ReadScopes = ["admin"],
        };
        client.PasswordHash = Hasher.HashPassword(client, request.Password);
        client.LastLogin = DateTime.UtcNow;
        db.Clients.Add(client);
        await UserDirectory.EnsureUserAsync(db, client.OrganizationId, client.AdminUserIdFor(), "admin_user", isAdmin: true, ct, "UTC");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(TokenResponse.For(client, tokens));
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        LoginRequest request, MirixDbContext db, DashboardTokens tokens, ClientDirectory directory, CancellationToken ct)
    {
        var email = request.Email?.Trim().ToLowerInvariant();
        var client = email is null ? null : await db.Clients.SingleOrDefaultAsync(c => c.Email == email, ct);
        if (client?.PasswordHash is null || request.Password is null
            || Hasher.VerifyHashedPassword(client, client.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
        {
            return TypedResults.Problem("Incorrect email or password.", statusCode: StatusCodes.Status401Unauthorized);
        }
        if (client.Status != "active")
        {
            return Problems.Forbidden("This account is inactive.");
        }
        client.LastLogin = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        directory.Forget(client.Id);
        return TypedResults.Ok(TokenResponse.For(client, tokens));
    }

    public static async Task<Results<Ok<DashboardClientResponse>, ProblemHttpResult>> Me(Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caller.ClientId, ct);
        return client is null ? Problems.NotFound("Account not found.") : TypedResults.Ok(DashboardClientResponse.From(client));
    }

    public static async Task<Results<Ok<Contracts.MessageResponse>, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, Caller caller, MirixDbContext db, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == caller.ClientId, ct);
        if (client?.PasswordHash is null || request.CurrentPassword is null
            || Hasher.VerifyHashedPassword(client, client.PasswordHash, request.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            return Problems.BadRequest("The current password is not correct.");
        }
        if (request.NewPassword is null || request.NewPassword.Length < MinimumPasswordLength)
        {
            return Problems.Invalid($"new_password must have at least {MinimumPasswordLength} characters.");
        }
        client.PasswordHash = Hasher.HashPassword(client, request.NewPassword);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new Contracts.MessageResponse("Password changed."));
    }

    public static async Task<Ok<CheckSetupResponse>> CheckSetup(MirixDbContext db, CancellationToken ct)
    {
        var setupRequired = !await AnyAccountAsync(db, ct);
        return TypedResults.Ok(new CheckSetupResponse(setupRequired,
            setupRequired ? "No dashboard account exists yet: register the first one." : "Setup is complete."));
    }

    private static Task<bool> AnyAccountAsync(MirixDbContext db, CancellationToken ct) => db.Clients.AnyAsync(c => c.Email != null, ct);
}
