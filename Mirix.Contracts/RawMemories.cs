namespace Mirix.Contracts;

public sealed record LastModify(DateTime Timestamp, string Operation);

/// <summary>MIRIX's <c>RawMemoryItem</c>, plus provenance, expiry and, in a relevance search, the score.</summary>
public sealed record RawMemoryView(
    string Id, string Context, JsonElement? FilterTags, string UserId, string OrganizationId, DateTime? OccurredAt,
    LastModify LastModify, IReadOnlyList<string> SourceMessageIds, DateTime? ExpiresAt, DateTime CreatedAt, DateTime UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Score = null);

public sealed record CreateRawMemoryRequest(string? Context, JsonObject? FilterTags = null, string? OccurredAt = null, string? Id = null);

/// <summary><c>context_update_type</c> is <c>append</c> or <c>replace</c>; <c>tags_update_type</c> is <c>merge</c> or <c>replace</c>.</summary>
public sealed record UpdateRawMemoryRequest(string? Context, JsonObject? FilterTags = null, string? ContextUpdateType = null, string? TagsUpdateType = null);

/// <summary>A listing (sorted, keyset-paged by <c>cursor</c>) or, with <c>query</c>, a relevance search.</summary>
public sealed record SearchRawRequest(JsonObject? FilterTags = null, string? Sort = null, string? Cursor = null, JsonObject? TimeRange = null, int? Limit = null, string? Query = null, string? SearchMethod = null);

public sealed record RawMemoryResponse(bool Success, string? Message, RawMemoryView Memory);

public sealed record SearchRawResponse(IReadOnlyList<RawMemoryView> Items, string? Cursor, int Count);
