namespace Mirix.Contracts;

public sealed record OrganizationResponse(string Id, string Name, DateTime CreatedAt);

public sealed record ClientResponse(
    string Id, string OrganizationId, string Name, string Status, string? WriteScope, IReadOnlyList<string> ReadScopes,
    string? Email, DateTime CreatedAt, DateTime UpdatedAt, DateTime? LastLogin, bool IsDeleted);

public sealed record UserResponse(
    string Id, string OrganizationId, string Name, string Status, string Timezone, bool IsAdmin, DateTime CreatedAt, DateTime UpdatedAt, bool IsDeleted);

/// <summary>The body <c>POST /organizations</c> also accepts.</summary>
public sealed record CreateOrganizationRequest(string? Name);

public sealed record CreateOrGetOrganizationRequest(string? OrgId, string? Name);

public sealed record CreateOrGetClientRequest(
    string? ClientId, string? Name, string? OrgId, string? WriteScope, IReadOnlyList<string>? ReadScopes, string? Status);

public sealed record UpdateClientRequest(string? Name, string? Status, string? WriteScope, IReadOnlyList<string>? ReadScopes);

/// <summary>MIRIX's request; <c>org_id</c> is accepted and ignored, since the API key decides the organization.</summary>
public sealed record CreateOrGetUserRequest(string? UserId, string? Name, string? OrgId, string? Timezone);

/// <summary>What a purge deleted, and which of the user's rows it kept (the admin user, blocks templates).</summary>
public sealed record PurgeResponse(string Message, IReadOnlyList<string> Preserved);

public sealed record MessageResponse(string Message);

public sealed record StatusMessageResponse(string Status, string Message);
