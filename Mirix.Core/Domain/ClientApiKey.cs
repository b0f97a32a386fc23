namespace Mirix.Core.Domain;

/// <summary>An API key of a client. Only its SHA-256 hash is stored; the raw key is shown once, at creation.</summary>
public sealed class ClientApiKey : Entity
{
    public const string IdPrefix = "client_api_key";

    public required string ClientId { get; set; }
    public required string OrganizationId { get; set; }
    public required string ApiKeyHash { get; set; }
    public string? Name { get; set; }
    public string Status { get; set; } = ApiKeyStatus.Active;
    public string Permission { get; set; } = "all";
    /// <summary>When set, calls with this key act for this user only.</summary>
    public string? UserId { get; set; }
}

public static class ApiKeyStatus
{
    public const string Active = "active";
    public const string Revoked = "revoked";
}
