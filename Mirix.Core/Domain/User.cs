namespace Mirix.Core.Domain;

/// <summary>An end user whose memories are kept; shared by every client of its organization.</summary>
public sealed class User : Entity
{
    public required string OrganizationId { get; set; }
    public required string Name { get; set; }
    public string Status { get; set; } = "active";
    public string Timezone { get; set; } = WellKnownIds.DefaultTimezone;
    public bool IsAdmin { get; set; }
}
