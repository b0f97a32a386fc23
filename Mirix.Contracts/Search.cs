namespace Mirix.Contracts;

public sealed record DateRange(DateTime? Start, DateTime? End);

/// <summary>MIRIX's search answer, in the order of relevance.</summary>
public sealed record SearchResponse(
    bool Success, string Query, string MemoryType, string SearchField, string SearchMethod, DateRange? DateRange,
    IReadOnlyList<SearchHit> Results, int Count);

/// <summary>MIRIX's answer over every user of the organization the client may read; each hit names its user.</summary>
public sealed record SearchAllUsersResponse(
    bool Success, string Query, string MemoryType, string SearchField, string SearchMethod, DateRange? DateRange,
    IReadOnlyList<SearchHit> Results, int Count, string ClientId, string OrganizationId, IReadOnlyList<string> ReadScopes, JsonElement? FilterTags);

/// <summary>
/// One search result: MIRIX's per-type item (its <c>memory_type</c> says which), plus the score and, when asked with
/// <c>explain</c>, the signals behind it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "memory_type")]
[JsonDerivedType(typeof(EpisodicHit), "episodic")]
[JsonDerivedType(typeof(SemanticHit), "semantic")]
[JsonDerivedType(typeof(ProceduralHit), "procedural")]
[JsonDerivedType(typeof(ResourceHit), "resource")]
[JsonDerivedType(typeof(KnowledgeVaultHit), "knowledge_vault")]
[JsonDerivedType(typeof(RawHit), "raw")]
[JsonDerivedType(typeof(CoreHit), "core")]
public abstract record SearchHit
{
    [JsonPropertyOrder(-2)]
    public required string Id { get; init; }

    /// <summary>Whose memory it is; only in <c>/memory/search_all_users</c>.</summary>
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserId { get; init; }

    /// <summary>Higher is more relevant; none for a listing without a query, or for core blocks.</summary>
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Score { get; init; }

    [JsonPropertyOrder(2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? Explain { get; init; }
}

/// <summary>An event; its time is <c>occurred_at</c> in an <c>all</c> search and <c>timestamp</c> otherwise, as in MIRIX.</summary>
public sealed record EpisodicHit(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? OccurredAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? Timestamp,
    string EventType, string Actor, string Summary, string Details) : SearchHit
{
    /// <summary>When the event happened, whichever name it came under.</summary>
    [JsonIgnore]
    public DateTime? When => OccurredAt ?? Timestamp;
}

public sealed record SemanticHit(string Name, string Summary, string Details, string Source) : SearchHit;

public sealed record ProceduralHit(string EntryType, string Summary, IReadOnlyList<string> Steps) : SearchHit;

/// <summary>A resource; <c>content</c> is its first 200 characters.</summary>
public sealed record ResourceHit(string ResourceType, string Title, string Summary, string Content) : SearchHit;

/// <summary>A vault entry; a high-sensitivity <c>secret_value</c> is <see cref="KnowledgeVaultView.Redacted"/>.</summary>
public sealed record KnowledgeVaultHit(string EntryType, string Source, string Sensitivity, string SecretValue, string Caption) : SearchHit;

public sealed record RawHit(string Context, DateTime? OccurredAt) : SearchHit;

/// <summary>A core-memory block, when the search asked for them (<c>include_core_memory</c>).</summary>
public sealed record CoreHit(string Label, string Value, string? Scope) : SearchHit;
