namespace Mirix.Core.Domain;

/// <summary>
/// What every memory row carries: tenant and ownership ids, tags, the last modification, provenance and an expiry.
/// </summary>
public abstract class MemoryItem : Entity
{
    public required string OrganizationId { get; set; }
    /// <summary>The end user who owns the memory.</summary>
    public required string UserId { get; set; }
    /// <summary>The (meta) agent that wrote it, when an agent did.</summary>
    public string? AgentId { get; set; }
    /// <summary>The client application that wrote it.</summary>
    public string? ClientId { get; set; }
    /// <summary>Access-control scope: the writer's write scope. Also present as <c>filter_tags.scope</c>.</summary>
    public string? Scope { get; set; }
    /// <summary>Arbitrary tags as a JSON object (jsonb with a GIN index on PostgreSQL).</summary>
    public string? FilterTags { get; set; }
    public DateTime LastModifiedAt { get; set; }
    /// <summary>MIRIX's <c>last_modify.operation</c>: "created", "updated", …</summary>
    public string LastModifyOperation { get; set; } = "created";
    /// <summary>The messages this memory was made from (beyond MIRIX).</summary>
    public List<string> SourceMessageIds { get; set; } = [];
    /// <summary>Once past, reads no longer return the memory (beyond MIRIX).</summary>
    public DateTime? ExpiresAt { get; set; }
    /// <summary>
    /// Set when an agent merged, replaced or updated this memory: the row that took its place. Superseded rows are kept
    /// for their history (<c>GET /memory/{type}/{id}/history</c>) and skipped by every read unless asked for.
    /// </summary>
    public string? SupersededById { get; set; }
    public DateTime? SupersededAt { get; set; }
}
