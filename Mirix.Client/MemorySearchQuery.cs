namespace Mirix.Client;

/// <summary>
/// A search of one user's memories (<c>GET /memory/search</c>). Left null, a parameter takes the server's default:
/// every memory type, each type's default field, and the server's default method.
/// </summary>
public sealed record MemorySearchQuery(string Query)
{
    /// <summary>Whose memories; the key's bound user or the client's admin user when null.</summary>
    public string? UserId { get; init; }

    /// <summary><c>all</c>, or one of episodic, semantic, procedural, resource, knowledge_vault, raw.</summary>
    public string? MemoryType { get; init; }

    /// <summary>The field to search (each type's default when null); <c>GET /memory/fields</c> lists them.</summary>
    public string? SearchField { get; init; }

    /// <summary><c>bm25</c>, <c>embedding</c>, <c>hybrid</c> or <c>string_match</c>.</summary>
    public string? SearchMethod { get; init; }

    /// <summary>At most this many results per memory type.</summary>
    public int? Limit { get; init; }

    /// <summary>Only memories whose <c>filter_tags</c> match (MIRIX's operators: <c>$in</c>, <c>$contains</c>, <c>$exists</c>...).</summary>
    public JsonObject? FilterTags { get; init; }

    /// <summary>The largest cosine distance an embedding match may have.</summary>
    public double? SimilarityThreshold { get; init; }

    /// <summary>Only memories of this time or later (events by when they happened).</summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>Only memories of this time or earlier.</summary>
    public DateTimeOffset? EndDate { get; init; }

    /// <summary>Also return the user's core memory blocks.</summary>
    public bool? IncludeCoreMemory { get; init; }

    /// <summary>Also return the signals behind each score.</summary>
    public bool? Explain { get; init; }

    /// <summary>Also return versions that a merge or an edit replaced.</summary>
    public bool? IncludeSuperseded { get; init; }
}

/// <summary>A search across every user of the organization the client may read (<c>GET /memory/search_all_users</c>).</summary>
public sealed record AllUsersSearchQuery(string Query)
{
    /// <summary><c>all</c>, or one of episodic, semantic, procedural, resource, knowledge_vault, raw.</summary>
    public string? MemoryType { get; init; }

    /// <summary>The field to search (each type's default when null); <c>GET /memory/fields</c> lists them.</summary>
    public string? SearchField { get; init; }

    /// <summary><c>bm25</c>, <c>embedding</c>, <c>hybrid</c> or <c>string_match</c>.</summary>
    public string? SearchMethod { get; init; }

    /// <summary>At most this many results per memory type.</summary>
    public int? Limit { get; init; }

    /// <summary>Another client of the same organization whose scopes to search with (the caller's when null).</summary>
    public string? ClientId { get; init; }

    /// <summary>Only memories whose <c>filter_tags</c> match.</summary>
    public JsonObject? FilterTags { get; init; }

    /// <summary>Also return the user's core memory blocks.</summary>
    public bool? IncludeCoreMemory { get; init; }

    /// <summary>Only core blocks whose tags hold these values.</summary>
    public JsonObject? BlockFilterTags { get; init; }

    /// <summary>The largest cosine distance an embedding match may have.</summary>
    public double? SimilarityThreshold { get; init; }

    /// <summary>Only memories of this time or later (events by when they happened).</summary>
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>Only memories of this time or earlier.</summary>
    public DateTimeOffset? EndDate { get; init; }

    /// <summary>Also return the signals behind each score.</summary>
    public bool? Explain { get; init; }
}
