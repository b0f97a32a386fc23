namespace Mirix.Contracts;

/// <summary>
/// MIRIX's <c>SendMessageRequest</c> for <c>POST /agents/{id}/messages</c>. To a chat agent with <c>stream_tokens</c>,
/// the answer is a stream of <see cref="ChatStreamEvent"/>s; to a memory agent, the message is queued for extraction.
/// </summary>
public sealed record SendMessageRequest(
    JsonNode? Message,
    string? Role = null,
    string? UserId = null,
    string? Name = null,
    bool? StreamSteps = null,
    bool? StreamTokens = null,
    JsonObject? FilterTags = null,
    JsonObject? BlockFilterTags = null,
    string? BlockFilterTagsUpdateMode = null,
    bool? UseCache = null);

/// <summary>MIRIX's <c>MirixResponse</c>: a chat turn's messages and usage (none yet for a queued message).</summary>
public sealed record MirixResponse(IReadOnlyList<AgentMessage> Messages, UsageStatistics Usage);

/// <summary>
/// One of MIRIX's messages: <c>tool_call_message</c> (with <c>tool_call</c>), <c>tool_return_message</c> (with
/// <c>tool_return</c>, <c>status</c> and <c>tool_call_id</c>) or <c>assistant_message</c> (with <c>content</c>).
/// </summary>
public sealed record AgentMessage(
    string Id,
    DateTime Date,
    string MessageType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ToolCallView? ToolCall = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ToolReturn = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ToolCallId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null);

/// <summary>A tool call as MIRIX reports it: the arguments are a JSON string.</summary>
public sealed record ToolCallView(string Name, string Arguments, string ToolCallId);

/// <summary>Tokens and model calls of a turn, in MIRIX's usage names; a queued message has none yet (<c>{}</c>, as MIRIX answers).</summary>
public sealed record UsageStatistics(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? PromptTokens = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? CompletionTokens = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? TotalTokens = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? StepCount = null);

/// <summary>
/// One server-sent event of a streamed chat turn; <c>type</c> (also the SSE event name) says which. The stream ends
/// with a <see cref="ChatAnswer"/> or a <see cref="ChatError"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ChatToken), "token")]
[JsonDerivedType(typeof(ChatToolCall), "tool_call")]
[JsonDerivedType(typeof(ChatToolResult), "tool_result")]
[JsonDerivedType(typeof(ChatAnswer), "final")]
[JsonDerivedType(typeof(ChatError), "error")]
public abstract record ChatStreamEvent;

/// <summary>A piece of the answer, as the model produced it.</summary>
public sealed record ChatToken(string Delta) : ChatStreamEvent;

/// <summary>The agent called one of its tools (it searches memory before it answers).</summary>
public sealed record ChatToolCall(string ToolCallId, string Name, JsonObject Arguments) : ChatStreamEvent;

public sealed record ChatToolResult(string ToolCallId, string Name, string Status, string Result) : ChatStreamEvent;

/// <summary>The whole answer; <c>operation_id</c> is the queued memory extraction of the turn, or <c>memory_note</c> says why there is none.</summary>
public sealed record ChatAnswer(string Content, UsageStatistics Usage, string? OperationId, string? MemoryNote) : ChatStreamEvent;

/// <summary>The turn failed: <c>status</c> is the HTTP status it would have had, <c>retry_after</c> seconds when worth retrying.</summary>
public sealed record ChatError(int Status, string Detail, int? RetryAfter) : ChatStreamEvent;
