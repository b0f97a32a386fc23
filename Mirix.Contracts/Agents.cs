namespace Mirix.Contracts;

/// <summary>
/// MIRIX's <c>AgentState</c>. The Python SDK parses it with <c>extra="forbid"</c>: add no field that is not here.
/// Configs are echoed as the client sent them, since the SDK validates their enum values.
/// </summary>
public sealed record AgentState(
    string Id,
    string Name,
    string System,
    string AgentType,
    JsonElement LlmConfig,
    JsonElement EmbeddingConfig,
    IReadOnlyList<JsonElement> Tools,
    string? Description,
    string? ParentId,
    string OrganizationId,
    IReadOnlyList<string> MessageIds,
    IReadOnlyList<JsonElement>? ToolRules,
    string? CreatedById,
    string? LastUpdatedById,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<AgentState>? Children);

/// <summary>
/// <c>config</c> is MIRIX's meta-agent config (<c>llm_config</c>, <c>embedding_config</c>, optionally
/// <c>meta_agent_config</c> with the agents and their system prompts).
/// </summary>
public sealed record InitializeMetaAgentRequest(JsonObject? Config, string? Project = null, bool? UpdateAgents = null);

public sealed record UpdateSystemPromptRequest(string? SystemPrompt);

/// <summary>
/// MIRIX's <c>Tool</c>: built-in tools are the same for every organization, so their ids are stable
/// (<c>tool-&lt;name&gt;</c>) and they carry no source code.
/// </summary>
public sealed record ToolView(
    string Id, string Name, string Description, string ToolType, string SourceType, IReadOnlyList<string> Tags, ToolSchema JsonSchema,
    int ReturnCharLimit, string OrganizationId, string? SourceCode)
{
    public const string IdPrefix = "tool-";
}

/// <summary>The OpenAI function declaration MIRIX stores in <c>json_schema</c>.</summary>
public sealed record ToolSchema(string Name, string Description, JsonElement Parameters);

/// <summary>
/// A new agent (<c>POST /agents</c>): a chat agent (<c>chat_agent</c>) answers users from their memory. The server also
/// takes MIRIX's other CreateAgentRequest fields, and refuses tools and memory that an agent's type decides.
/// </summary>
public sealed record CreateAgentRequest(
    string Name,
    string AgentType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? System = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? LlmConfig = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? EmbeddingConfig = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Tags = null);
