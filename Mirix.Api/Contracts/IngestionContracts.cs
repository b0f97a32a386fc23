using System.Text.Json.Nodes;
using Mirix.Core.Domain;

namespace Mirix.Api.Contracts;

/// <summary>MIRIX's <c>AddMemoryRequest</c>, plus <c>mode</c> (<c>raw</c> skips the agents).</summary>
public sealed record AddMemoryRequest(
    string? UserId,
    string? MetaAgentId,
    JsonArray? Messages,
    bool? Chaining,
    bool? Verbose,
    JsonObject? FilterTags,
    JsonObject? BlockFilterTags,
    string? BlockFilterTagsUpdateMode,
    bool? UseCache,
    string? OccurredAt,
    string? Mode);

/// <summary>MIRIX's <c>SendMessageRequest</c> for <c>POST /agents/{id}/messages</c>.</summary>
public sealed record SendMessageRequest(
    JsonNode? Message,
    string? Role,
    string? UserId,
    string? Name,
    bool? StreamSteps,
    bool? StreamTokens,
    JsonObject? FilterTags,
    JsonObject? BlockFilterTags,
    string? BlockFilterTagsUpdateMode,
    bool? UseCache);

/// <summary>MIRIX's answer to <c>/memory/add</c> and <c>/memory/add_sync</c>, plus the operation to poll and which mode runs it, and why.</summary>
public sealed record AddMemoryResponse(bool Success, string Message, string Status, string? AgentId, int MessageCount, string OperationId, string Mode, string? ModeReason);

/// <summary>MIRIX's <c>MirixResponse</c>: the queued message produces no messages yet.</summary>
public sealed record MirixResponse(IReadOnlyList<JsonObject> Messages, JsonObject Usage);

/// <summary>An ingestion operation as <c>GET /memory/operations/{id}</c> reports it.</summary>
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
    public static OperationView From(IngestionOperation operation, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new(
            operation.Id, operation.Status, operation.Transport, operation.Mode, operation.UserId, operation.AgentId, operation.ClientId,
            operation.MessageCount, operation.Attempts, maxAttempts, operation.LastError,
            operation.ResultJson is null ? null : JsonNode.Parse(operation.ResultJson),
            operation.CreatedAt, operation.StartedAt, operation.CompletedAt, operation.UpdatedAt,
            operation.CompletedAt is { } done ? (done - operation.CreatedAt).TotalMilliseconds : null);
    }
}

public sealed record OperationListResponse(IReadOnlyList<OperationView> Operations, string? Cursor, int Count);

public sealed record RawCleanupResponse(bool Success, int DeletedCount, int ErrorCount, DateTime CutoffDate, int DaysThreshold, string Message);
