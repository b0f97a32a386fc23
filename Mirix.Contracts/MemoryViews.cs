namespace Mirix.Contracts;

// The item shapes of /memory/components and the typed memory routes (MIRIX's field names), plus what MIRIX lacks:
// filter_tags, provenance, expiry.

public sealed record EpisodicView(
    string Id, DateTime OccurredAt, string EventType, string Actor, string Summary, string Details,
    JsonElement? FilterTags, IReadOnlyList<string> SourceMessageIds, DateTime? ExpiresAt, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record SemanticView(
    string Id, string Name, string Summary, string Details, string Source,
    JsonElement? FilterTags, IReadOnlyList<string> SourceMessageIds, DateTime? ExpiresAt, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ProceduralView(
    string Id, string EntryType, string Summary, IReadOnlyList<string> Steps,
    JsonElement? FilterTags, IReadOnlyList<string> SourceMessageIds, DateTime? ExpiresAt, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ResourceView(
    string Id, string ResourceType, string Title, string Summary, string Content,
    JsonElement? FilterTags, IReadOnlyList<string> SourceMessageIds, DateTime? ExpiresAt, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record KnowledgeVaultView(
    string Id, string EntryType, string Source, string Sensitivity, string SecretValue, string Caption,
    JsonElement? FilterTags, IReadOnlyList<string> SourceMessageIds, DateTime? ExpiresAt, DateTime CreatedAt, DateTime UpdatedAt)
{
    /// <summary>What listing routes show instead of a high-sensitivity secret (MIRIX returns them everywhere).</summary>
    public const string Redacted = "[redacted: high sensitivity]";
}

public sealed record CoreBlockView(string Id, string Label, string Value);

/// <summary>One memory type's items in a listing, with how many the caller may read in all.</summary>
public sealed record Section<T>(int TotalCount, IReadOnlyList<T> Items);

/// <summary>Core blocks grouped by scope.</summary>
public sealed record CoreSection(int TotalCount, IReadOnlyDictionary<string, CoreScopeItems> Scopes);

public sealed record CoreScopeItems(IReadOnlyList<CoreBlockView> Items);

/// <summary>
/// <c>/memory/components</c>' <c>memories</c>: a section per type asked for (all of them for <c>all</c>); types not
/// asked for are left out.
/// </summary>
public sealed record MemorySections(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Section<EpisodicView>? Episodic = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Section<SemanticView>? Semantic = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Section<ProceduralView>? Procedural = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Section<ResourceView>? Resource = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Section<KnowledgeVaultView>? KnowledgeVault = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Section<RawMemoryView>? Raw = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CoreSection? Core = null);

public sealed record ComponentsResponse(bool Success, string UserId, string MemoryType, int Limit, MemorySections Memories);

/// <summary>The fields of each memory type that <c>search_field</c> may name.</summary>
public sealed record FieldsResponse(bool Success, IReadOnlyDictionary<string, string[]> Fields);
