using Mirix.Core.Domain;

namespace Mirix.Api.Contracts;

public sealed record OrganizationResponse(string Id, string Name, DateTime CreatedAt)
{
    public static OrganizationResponse From(Organization o) => new(o.Id, o.Name, o.CreatedAt);
}

public sealed record ClientResponse(
    string Id, string OrganizationId, string Name, string Status, string? WriteScope, IReadOnlyList<string> ReadScopes,
    string? Email, DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastLogin, bool IsDeleted)
{
    public static ClientResponse From(Client c) =>
        new(c.Id, c.OrganizationId, c.Name, c.Status, c.WriteScope, c.ReadScopes, c.Email, c.CreatedAt, c.UpdatedAt, c.LastLogin, c.IsDeleted);
}

public sealed record UserResponse(
    string Id, string OrganizationId, string Name, string Status, string Timezone, bool IsAdmin, DateTime CreatedAt, DateTime UpdatedAt, bool IsDeleted)
{
    public static UserResponse From(User u) =>
        new(u.Id, u.OrganizationId, u.Name, u.Status, u.Timezone, u.IsAdmin, u.CreatedAt, u.UpdatedAt, u.IsDeleted);
}

public sealed record CreateOrGetOrganizationRequest(string? OrgId, string? Name);

public sealed record CreateOrGetClientRequest(
    string? ClientId, string? Name, string? OrgId, string? WriteScope, IReadOnlyList<string>? ReadScopes, string? Status);

public sealed record UpdateClientRequest(string? Name, string? Status, string? WriteScope, IReadOnlyList<string>? ReadScopes);

public sealed record CreateOrGetUserRequest(string? UserId, string? Name, string? OrgId, string? Timezone);

public sealed record CreateApiKeyRequest(string? Name, string? Permission, string? UserId);

public sealed record ApiKeyCreatedResponse(string Id, string ClientId, string? Name, string ApiKey, string Status, string Permission, string? UserId, DateTime CreatedAt);

public sealed record ApiKeyResponse(string Id, string ClientId, string? Name, string Status, string Permission, string? UserId, DateTime CreatedAt)
{
    public static ApiKeyResponse From(ClientApiKey k) => new(k.Id, k.ClientId, k.Name, k.Status, k.Permission, k.UserId, k.CreatedAt);
}

public sealed record MessageResponse(string Message);

public sealed record StatusMessageResponse(string Status, string Message);
