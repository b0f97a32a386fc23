namespace Mirix.Contracts;

public sealed record EventView(string Id, DateTime Timestamp, string Summary, string Details);

/// <summary>Events: the most recent, and those relevant to the topic.</summary>
public sealed record EpisodicSection(int TotalCount, IReadOnlyList<EventView> Recent, IReadOnlyList<EventView> Relevant);

public sealed record SemanticSummary(string Id, string Name, string Summary, string Details);

public sealed record ResourceSummary(string Id, string Title, string Summary, string ResourceType);

public sealed record ProceduralSummary(string Id, string EntryType, string Summary);

/// <summary>Only the caption: a retrieval never shows secret values.</summary>
public sealed record KnowledgeVaultSummary(string Id, string Caption);

public sealed record RawSummary(string Id, string Context, DateTime? OccurredAt);

/// <summary>What an agent would be shown for a topic, by type, as MIRIX answers it; <c>raw</c> is ours.</summary>
public sealed record RetrievedMemories(
    EpisodicSection Episodic,
    Section<SemanticSummary> Semantic,
    Section<ResourceSummary> Resource,
    Section<ProceduralSummary> Procedural,
    Section<KnowledgeVaultSummary> KnowledgeVault,
    CoreSection Core,
    Section<RawSummary> Raw);

public sealed record RetrieveResponse(bool Success, string Topic, RetrievedMemories Memories);

/// <summary>MIRIX's <c>RetrieveMemoryRequest</c>; <c>local_model_for_retrieval</c> and <c>use_cache</c> are accepted and unused.</summary>
public sealed record RetrieveConversationRequest(
    string? UserId, JsonArray? Messages, int? Limit = null, string? LocalModelForRetrieval = null, JsonObject? FilterTags = null,
    bool? UseCache = null, string? StartDate = null, string? EndDate = null);

/// <summary>
/// MIRIX's answer, plus how the topics were found: <c>retrieval_method</c> is <c>llm</c>, or <c>last_turns</c> when the
/// latest turns were searched instead, with the reason in <c>fallback_reason</c>.
/// </summary>
public sealed record RetrieveConversationResponse(
    bool Success, string Topics, string? TemporalExpression, DateRange? DateRange, RetrievedMemories Memories,
    string RetrievalMethod, string? FallbackReason);
