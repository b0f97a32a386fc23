using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Mirix.Core.Ingestion;

/// <summary>
/// The message every transport carries: every field of MIRIX's <c>QueueMessage</c>, plus the tenant, the operation it
/// reports to, an idempotency key (a redelivery carries the same key, so it never writes twice) and the W3C trace context
/// (so one trace spans Api → queue → worker). Versioned: a consumer refuses a version it does not know instead of guessing.
/// </summary>
public sealed record IngestionEnvelope
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public required string OperationId { get; init; }
    /// <summary>The caller's <c>Idempotency-Key</c> when it sent one, else the operation id.</summary>
    public required string IdempotencyKey { get; init; }
    public required string OrganizationId { get; init; }
    public required string ClientId { get; init; }
    /// <summary>The target agent: the meta agent for <c>/memory/add</c>.</summary>
    public string? AgentId { get; init; }
    public required string UserId { get; init; }
    public required IReadOnlyList<IngestedMessage> InputMessages { get; init; }
    public bool Chaining { get; init; } = true;
    public bool Verbose { get; init; }
    public JsonObject? FilterTags { get; init; }
    public bool UseCache { get; init; } = true;
    public DateTime? OccurredAt { get; init; }
    public JsonObject? BlockFilterTags { get; init; }
    public string BlockFilterTagsUpdateMode { get; init; } = "merge";
    /// <summary><see cref="IngestionMode"/>: how the handler should process it.</summary>
    public string Mode { get; init; } = IngestionMode.Agents;
    /// <summary>Why <see cref="Mode"/> was chosen (asked for, or no LLM configured), reported with the operation.</summary>
    public string? ModeReason { get; init; }
    /// <summary>For <see cref="IngestionMode.AutoDream"/>: what to consolidate (no input messages then).</summary>
    public DreamRequest? Dream { get; init; }
    public string? TraceParent { get; init; }
    public string? TraceState { get; init; }
    public DateTime AcceptedAt { get; init; }

    /// <summary>The key that keeps one user's messages in order: MIRIX's user, else client, else agent.</summary>
    [JsonIgnore]
    public string PartitionKey => $"{OrganizationId}/{UserId}";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public string SerializeToString() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads an envelope; a malformed body or an unknown version is a <see cref="PoisonMessageException"/>.</summary>
    public static IngestionEnvelope Deserialize(ReadOnlySpan<byte> utf8)
    {
        IngestionEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<IngestionEnvelope>(utf8, Json);
        }
        catch (JsonException e)
        {
            throw new PoisonMessageException("The message is not a readable ingestion envelope: " + e.Message, e);
        }
        if (envelope is null || envelope.Version != CurrentVersion)
        {
            throw new PoisonMessageException($"Unsupported ingestion envelope version {envelope?.Version}; this worker reads version {CurrentVersion}.");
        }
        return envelope;
    }

    public static IngestionEnvelope Deserialize(string json) => Deserialize(System.Text.Encoding.UTF8.GetBytes(json));
}

/// <summary>One input message: a role and its content parts as given (text, images and files are all kept).</summary>
public sealed record IngestedMessage(string Role, JsonArray Content, string? Name = null);

public static class IngestionMode
{
    /// <summary>The meta memory agent routes the content to the memory agents.</summary>
    public const string Agents = "agents";
    /// <summary>The messages are stored and kept as one raw memory: no LLM involved.</summary>
    public const string Raw = "raw";

    /// <summary>A consolidation agent merges duplicates and resolves contradictions among stored memories.</summary>
    public const string AutoDream = "auto_dream";

    /// <summary>Why raw mode runs when nobody asked for it.</summary>
    public const string NoLlmReason = "no LLM is configured (set Mirix:Llm:Model and Mirix:Llm:Endpoint)";
}

/// <summary>A message no retry can fix (unreadable, unknown version, its client gone): it goes straight to the dead letters.</summary>
public sealed class PoisonMessageException : Exception
{
    public PoisonMessageException(string message) : base(message) { }
    public PoisonMessageException(string message, Exception inner) : base(message, inner) { }
    public PoisonMessageException() { }
}
