namespace Mirix.Core.Domain;

/// <summary>
/// One accepted ingestion request (<c>/memory/add</c>, <c>/memory/add_sync</c>, <c>/agents/{id}/messages</c>) and what became
/// of it. The row is written before the message is queued and keeps the envelope, so it is at once the status the caller
/// polls, the dead-letter store an operator lists and replays, and the journal the in-process queue recovers from.
/// </summary>
public sealed class IngestionOperation : Entity
{
    public const string IdPrefix = "op";

    public required string OrganizationId { get; set; }
    public required string ClientId { get; set; }
    public required string UserId { get; set; }
    public string? AgentId { get; set; }
    /// <summary><see cref="OperationStatus"/>: queued, running, succeeded, failed or dead_lettered.</summary>
    public string Status { get; set; } = OperationStatus.Queued;
    /// <summary>The transport that carried it (in_process, redis_streams, kafka, inline).</summary>
    public required string Transport { get; set; }
    /// <summary>raw or agents, as requested.</summary>
    public required string Mode { get; set; }
    public int MessageCount { get; set; }
    /// <summary>The caller's <c>Idempotency-Key</c>: a retried request with the same key gets this operation back instead of a new one.</summary>
    public string? IdempotencyKey { get; set; }
    /// <summary>Handler runs so far, failed ones included.</summary>
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>The serialized <c>IngestionEnvelope</c>, replayed as it was accepted.</summary>
    public required string Envelope { get; set; }
    /// <summary>What the handler produced, as JSON (message and memory ids).</summary>
    public string? ResultJson { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}

public static class OperationStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string DeadLettered = "dead_lettered";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Queued, Running, Succeeded, Failed, DeadLettered };

    /// <summary>A finished operation is never run again by a redelivery; only an explicit replay restarts it.</summary>
    public static bool IsFinal(string status) => status is Succeeded or DeadLettered;
}
