using Microsoft.AspNetCore.Http;

namespace Mirix.Core.Tenancy;

/// <summary>
/// Who is calling: the client application, its organization and its scopes. Every read and write is filtered by it.
/// </summary>
public sealed record Caller(
    string ClientId,
    string OrganizationId,
    string? WriteScope,
    IReadOnlyList<string> ReadScopes,
    AuthMethod Method,
    string? BoundUserId = null)
{
    public bool CanWrite => WriteScope is not null;

    /// <summary>
    /// A dashboard account of the default organization operates the server: it may create organizations and manage the
    /// clients of any organization. Every other caller is confined to its own organization.
    /// </summary>
    public bool IsOperator => Method == AuthMethod.DashboardToken && OrganizationId == Domain.WellKnownIds.DefaultOrganizationId;

    /// <summary>A client's own admin user: the default <c>user_id</c> of memory routes.</summary>
    public string AdminUserId => Domain.WellKnownIds.ClientAdminUserId(ClientId);

    /// <summary>False only for a not-yet-registered client in client-header mode, on the registration routes.</summary>
    public bool IsRegistered { get; init; } = true;

    /// <summary>Lets minimal API handlers take a <see cref="Caller"/> parameter; set by the authentication handler.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(context.Features.Get<Caller>());
    }
}
