namespace Mirix.Core.Domain;

/// <summary>Columns every MIRIX table carries: a string id, timestamps, soft delete and the acting client.</summary>
public abstract class Entity
{
    public required string Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public bool IsDeleted { get; set; }
    /// <summary>The client that created the row (MIRIX's <c>_created_by_id</c>).</summary>
    public string? CreatedById { get; set; }
    /// <summary>The client that last changed the row (MIRIX's <c>_last_updated_by_id</c>).</summary>
    public string? LastUpdatedById { get; set; }
}
