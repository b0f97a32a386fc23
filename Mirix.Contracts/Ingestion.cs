namespace Mirix.Contracts;

/// <summary>
/// MIRIX's <c>AddMemoryRequest</c>, plus <c>mode</c> (<c>raw</c> skips the agents). <c>messages</c> holds MIRIX's
/// message shapes: strings, or objects with a <c>role</c> and a <c>content</c> that is text or a list of parts.
/// </summary>
public sealed record AddMemoryRequest(
    string? UserId,
    string? MetaAgentId,
    JsonArray? Messages,
    bool? Chaining = null,
    bool? Verbose = null,
    JsonObject? FilterTags = null,
    JsonObject? BlockFilterTags = null,
    string? BlockFilterTagsUpdateMode = null,
    bool? UseCache = null,
    string? OccurredAt = null,
    string? Mode = null);

/// <summary>MIRIX's answer to <c>/memory/add</c> and <c>/memory/add_sync</c>, plus the operation to poll and which mode runs it, and why.</summary>
public sealed record AddMemoryResponse(bool Success, string Message, string Status, string? AgentId, int MessageCount, string OperationId, string Mode, string? ModeReason);

/// <summary>An ingestion operation as <c>GET /memory/operations/{id}</c> reports it; <c>result</c> is what its run filed.</summary>
public sealed record OperationView(
    string Id,
    string Status,
    string Transport,
    string Mode,
    string UserId,
    string? AgentId,
    string ClientId,
    int MessageCount,
    int Attempts,
    int MaxAttempts,
    string? Error,
    JsonNode? Result,
    DateTime QueuedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    DateTime UpdatedAt,
    double? DurationMs)
{
    /// <summary>Whether the operation will not run again by itself: it succeeded, or it was dead-lettered after its retries.</summary>
    [JsonIgnore]
    public bool IsFinished => Status is "succeeded" or "dead_lettered";
}

public sealed record OperationListResponse(IReadOnlyList<OperationView> Operations, string? Cursor, int Count);

public sealed record RawCleanupResponse(bool Success, int DeletedCount, int ErrorCount, DateTime CutoffDate, int DaysThreshold, string Message);
