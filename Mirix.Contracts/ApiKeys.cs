namespace Mirix.Contracts;

public sealed record CreateApiKeyRequest(string? Name, string? Permission, string? UserId);

/// <summary>The only answer that carries the key itself: store it, since it cannot be read again.</summary>
public sealed record ApiKeyCreatedResponse(string Id, string ClientId, string? Name, string ApiKey, string Status, string Permission, string? UserId, DateTime CreatedAt);

public sealed record ApiKeyResponse(string Id, string ClientId, string? Name, string Status, string Permission, string? UserId, DateTime CreatedAt);

public sealed record ApiKeyRevokedResponse(string Message, string Id);
