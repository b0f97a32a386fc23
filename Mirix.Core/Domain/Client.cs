namespace Mirix.Core.Domain;

/// <summary>An application that writes and reads memories; also a dashboard login identity.</summary>
public sealed class Client : Entity
{
    public required string OrganizationId { get; set; }
    public required string Name { get; set; }
    public string Status { get; set; } = "active";
    /// <summary>The scope this client's writes are tagged with; <c>null</c> means read-only.</summary>
    public string? WriteScope { get; set; }
    /// <summary>The scopes this client may read; empty means it reads nothing.</summary>
    public List<string> ReadScopes { get; set; } = [];
    public string? Email { get; set; }
    public string? PasswordHash { get; set; }
    public DateTime? LastLogin { get; set; }

    /// <summary>This client's own admin user, the default owner of its memory calls.</summary>
    public string AdminUserIdFor() => WellKnownIds.ClientAdminUserId(Id);
}
