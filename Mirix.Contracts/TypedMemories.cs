namespace Mirix.Contracts;

// Writes and edits of typed memories. TMemory is the view of the route's type (EpisodicView for /memory/episodic, ...).

/// <summary><c>items</c> carry the fields of the type's insert tool; <c>filter_tags</c> apply to every item.</summary>
public sealed record InsertMemoriesRequest(string? UserId, JsonArray? Items, JsonObject? FilterTags = null);

public sealed record InsertMemoriesResponse<TMemory>(
    bool Success, string Message, string MemoryType, string UserId, IReadOnlyList<TMemory> Memories, IReadOnlyList<string> SkippedDuplicateIds);

public sealed record UpdateMemoryResponse<TMemory>(bool Success, string Message, TMemory Memory);

public sealed record SuccessResponse(bool Success, string Message);

/// <summary>A memory's chain of versions, oldest first; the current one has no <c>superseded_at</c>.</summary>
public sealed record MemoryHistoryResponse<TMemory>(bool Success, string MemoryType, string Id, IReadOnlyList<MemoryVersion<TMemory>> History);

public sealed record MemoryVersion<TMemory>(TMemory Memory, DateTime CreatedAt, string LastModifyOperation, string? SupersededById, DateTime? SupersededAt);
