using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Mirix.Core.Domain;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Auth;

/// <summary>
/// One scheme for MIRIX's three ways in: <c>X-API-Key</c>, a dashboard bearer token, and (development setting only) the
/// trusted <c>X-Client-Id</c>/<c>X-Org-Id</c> headers. On success the <see cref="Caller"/> is set as a request feature.
/// </summary>
public sealed class MirixAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ClientDirectory clients,
    DashboardTokens tokens,
    IOptions<AuthOptions> authOptions,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "Mirix";

    /// <summary>With a dashboard token, the client whose view of memory the request takes.</summary>
    public const string ActAsClientHeader = "X-Mirix-Client";
    private const string FailureStatusKey = "mirix:auth-failure-status";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers;
        if (headers.TryGetValue("X-API-Key", out var apiKey) && !string.IsNullOrEmpty(apiKey))
        {
            var found = await clients.FindByApiKeyAsync(apiKey.ToString(), Context.RequestAborted);
            if (found is null)
            {
                return Fail(StatusCodes.Status401Unauthorized, "Invalid API key.");
            }
            return Accept(found.Client, AuthMethod.ApiKey, found.Key.UserId);
        }

        var authorization = headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var clientId = await tokens.ValidateAsync(authorization["Bearer ".Length..].Trim());
            var client = clientId is null ? null : await clients.FindClientAsync(clientId, Context.RequestAborted);
            if (client is null)
            {
                return Fail(StatusCodes.Status401Unauthorized, "Invalid or expired token.");
            }
            if (headers.TryGetValue(ActAsClientHeader, out var actAs) && !string.IsNullOrEmpty(actAs))
            {
                return await ActAsAsync(client, actAs.ToString());
            }
            return Accept(client, AuthMethod.DashboardToken, boundUserId: null);
        }

        if (authOptions.Value.AllowClientHeaders && headers.TryGetValue("X-Client-Id", out var headerClient) && !string.IsNullOrEmpty(headerClient))
        {
            var client = await clients.FindClientAsync(headerClient.ToString(), Context.RequestAborted);
            if (client is not null)
            {
                return Accept(client, AuthMethod.ClientHeaders, boundUserId: null);
            }
            // Not registered yet: only the registration routes accept it (see AuthPolicies.AllowUnregistered).
            var orgId = headers["X-Org-Id"].ToString();
            var unregistered = new Caller(headerClient.ToString(), string.IsNullOrEmpty(orgId) ? WellKnownIds.DefaultOrganizationId : orgId,
                WriteScope: null, ReadScopes: [], AuthMethod.ClientHeaders) { IsRegistered = false };
            return Success(unregistered);
        }

        return Fail(StatusCodes.Status401Unauthorized, authOptions.Value.AllowClientHeaders
            ? "X-API-Key header (or X-Client-Id header) is required for this endpoint."
            : "X-API-Key header is required for this endpoint.");
    }

    /// <summary>
    /// A dashboard account acting as a client it manages: an operator any client, other accounts the clients of their own
    /// organization. Another organization's client is reported as not found, like every foreign id.
    /// </summary>
    private async Task<AuthenticateResult> ActAsAsync(Client account, string clientId)
    {
        var target = await clients.FindClientAsync(clientId, Context.RequestAborted);
        var isOperator = account.OrganizationId == WellKnownIds.DefaultOrganizationId;
        return target is null || target.IsDeleted || (!isOperator && target.OrganizationId != account.OrganizationId)
            ? Fail(StatusCodes.Status404NotFound, $"Client {clientId} not found.")
            : Accept(target, AuthMethod.DashboardActingAsClient, boundUserId: null);
    }

    private AuthenticateResult Accept(Client client, AuthMethod method, string? boundUserId)
    {
        if (client.Status != "active")
        {
            return Fail(StatusCodes.Status403Forbidden, "Client is inactive or deleted.");
        }
        return Success(new Caller(client.Id, client.OrganizationId, client.WriteScope, client.ReadScopes, method, boundUserId));
    }

    private AuthenticateResult Success(Caller caller)
    {
        Context.Features.Set(caller);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, caller.ClientId),
            new Claim(AuthPolicies.MethodClaim, caller.Method.ToString()),
            new Claim(AuthPolicies.RegisteredClaim, caller.IsRegistered ? "true" : "false"),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Fail(int status, string message)
    {
        Context.Items[FailureStatusKey] = status;
        return AuthenticateResult.Fail(message);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var status = Context.Items[FailureStatusKey] as int? ?? StatusCodes.Status401Unauthorized;
        await WriteProblemAsync(status, result.Failure?.Message ?? "Authentication is required for this endpoint.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Context.Features.Get<Caller>() is { IsRegistered: false } unregistered
            ? WriteProblemAsync(StatusCodes.Status401Unauthorized,
                $"Client {unregistered.ClientId} is not registered: call POST /clients/create_or_get first.")
            : WriteProblemAsync(StatusCodes.Status403Forbidden, "This credential may not use this endpoint.");

    private async Task WriteProblemAsync(int status, string detail)
    {
        Response.StatusCode = status;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = status == 401 ? "Unauthorized" : "Forbidden", Detail = detail },
        });
    }
}
