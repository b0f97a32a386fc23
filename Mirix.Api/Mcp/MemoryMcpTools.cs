using System.ComponentModel;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Agents.Llm;
using Mirix.Agents.Prompts;
using Mirix.Agents.Retrieval;
using Mirix.Api.Endpoints;
using Mirix.Core.Agents;
using Mirix.Core.Domain;
using Mirix.Core.Ingestion;
using Mirix.Core.Memory;
using Mirix.Core.Operations;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Mirix.Api.Mcp;

/// <summary>
/// The memory server as MCP tools, at <c>/mcp</c>: the same API keys, users, scopes and services as the REST routes, so
/// a tool can do nothing the key could not do over REST. Descriptions are written for the model that will choose them.
/// </summary>
[McpServerToolType]
public sealed class MemoryMcpTools(IHttpContextAccessor http, MirixDbContext db)
{
    private const string UserDescription = "Whose memory: the end user's id. Leave empty for the key's own user.";

    /// <summary>One turn of a conversation as a model writes it.</summary>
    public sealed record Turn(
        [property: Description("Who spoke: user or assistant.")] string Role,
        [property: Description("What was said.")] string Content);

    [McpServerTool(Name = "add_memory", Destructive = false), Description(
        "Save something to the user's long-term memory: the latest turns of a conversation, or a note. The memory agents " +
        "decide in the background what is worth keeping (facts, events, procedures, documents, details to look up later) " +
        "and file it; the answer is an operation id, and the memory is searchable a few seconds later. Call it when the " +
        "user shares anything they would expect you to remember next time.")]
    public async Task<JsonObject> AddMemory(
        IngestionAcceptance acceptance, IngestionGateway gateway, LlmModelCatalog models,
        [Description("The turns to remember, oldest first.")] IReadOnlyList<Turn> messages,
        [Description(UserDescription)] string? userId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var caller = await CallerAsync();
        var user = await UserAsync(caller, userId, ct);
        var meta = await db.Agents.AsNoTracking().MetaAgentOf(caller).Select(a => a.Id).FirstOrDefaultAsync(ct);
        var turns = AsJson(messages);
        // Without a meta agent there are no memory agents to route to: the turns are kept as a raw memory.
        var outcome = await acceptance.AcceptAsync(caller,
            new IngestionRequest(meta, user, turns, true, false, null, null, null, true, null, meta is null ? IngestionMode.Raw : null), models.IsConfigured, ct);
        if (outcome.Value is not { } envelope)
        {
            throw new McpException(outcome.Error!);
        }
        var operation = await gateway.QueueAsync(envelope, ct);
        return new JsonObject { ["operation_id"] = operation.Id, ["status"] = operation.Status, ["mode"] = operation.Mode, ["user_id"] = user };
    }

    [McpServerTool(Name = "search_memory", ReadOnly = true), Description(
        "Search the user's long-term memory with a query in natural language or keywords. Returns the best matches of " +
        "every memory type (or of one type), each with its id, type and text. Use it before answering anything that " +
        "depends on what the user told you earlier.")]
    public async Task<JsonObject> SearchMemory(
        MemorySearch search,
        [Description("What to look for.")] string query,
        [Description("all, episodic (events), semantic (facts about people, places, things), procedural (how-tos), resource (documents), knowledge_vault (details to look up), or raw.")] string memoryType = "all",
        [Description("How many results per memory type, 1 to 50.")] int limit = 10,
        [Description(UserDescription)] string? userId = null, CancellationToken ct = default)
    {
        var caller = await CallerAsync();
        var user = await UserAsync(caller, userId, ct);
        var types = Types(memoryType);
        var results = new JsonArray();
        foreach (var kind in types)
        {
            // A model does not know which field holds the answer: the short one and the full one are both searched.
            var hits = new Dictionary<string, MemorySearch.Hit>(StringComparer.Ordinal);
            foreach (var field in new[] { kind.DefaultField("hybrid", all: false), kind.DefaultField("hybrid", all: true) }.Distinct())
            {
                foreach (var hit in await search.SearchAsync(new MemorySearch.Request(caller.OrganizationId, user, caller.ReadScopes, kind.Name,
                    field, "hybrid", query ?? "", Math.Clamp(limit, 1, 50), FilterTagsFilter.Empty), ct))
                {
                    if (!hits.TryGetValue(hit.Item.Id, out var known) || (hit.Score ?? 0) > (known.Score ?? 0))
                    {
                        hits[hit.Item.Id] = hit;
                    }
                }
            }
            foreach (var hit in hits.Values.OrderByDescending(h => h.Score ?? 0).Take(Math.Clamp(limit, 1, 50)))
            {
                results.Add(Line(hit.Item, hit.Score));
            }
        }
        return new JsonObject { ["user_id"] = user, ["count"] = results.Count, ["results"] = results };
    }

    [McpServerTool(Name = "retrieve_for_conversation", ReadOnly = true), Description(
        "Get what memory holds that is relevant to the conversation so far: the server works out its topics and any " +
        "time the user mentions (\"last week\") and returns the matching memories of every type plus the user's core " +
        "profile. Call it at the start of a turn to ground your answer in what you know about the user.")]
    public async Task<JsonObject> RetrieveForConversation(
        ConversationRetrieval retrieval,
        [Description("The conversation so far, oldest first; the latest turns matter most.")] IReadOnlyList<Turn> messages,
        [Description("How many memories per type, 1 to 50.")] int limit = 10,
        [Description(UserDescription)] string? userId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var caller = await CallerAsync();
        var user = await UserAsync(caller, userId, ct);
        var (turns, error) = MessageNormalizer.Normalize(AsJson(messages));
        if (turns is null)
        {
            throw new McpException(error!);
        }
        var found = await retrieval.RetrieveAsync(caller, new ConversationRetrieval.Request(user, turns, Math.Clamp(limit, 1, 50), FilterTagsFilter.Empty, null, null), ct);
        var memories = new JsonArray([.. found.Found.RelevantEvents.Concat(found.Found.Sections.SelectMany(s => s.Value.Items)).DistinctBy(m => m.Id).Select(m => (JsonNode)Line(m, null))]);
        return new JsonObject
        {
            ["topics"] = found.Topics,
            ["temporal_expression"] = found.TemporalExpression,
            ["retrieval_method"] = found.Method,
            ["memories"] = memories,
            ["core_memory"] = new JsonArray([.. found.Found.Blocks.Where(b => b.Value.Length > 0).Select(b => (JsonNode)new JsonObject { ["label"] = b.Label, ["value"] = b.Value })]),
        };
    }

    [McpServerTool(Name = "get_memory", ReadOnly = true), Description("Read one memory in full by its type and id (as search_memory or list_memories returned them).")]
    public async Task<JsonObject> GetMemory(
        [Description("The memory's type: episodic, semantic, procedural, resource, knowledge_vault or raw.")] string memoryType,
        [Description("The memory's id.")] string id, CancellationToken ct = default)
    {
        var caller = await CallerAsync();
        var kind = Types(memoryType).Single();
        var item = await kind.FindAsync(db, caller.OrganizationId, id, ct);
        if (item is null || item.SupersededAt is not null || item.Scope is null || !caller.ReadScopes.Contains(item.Scope)
            || (caller.BoundUserId is not null && caller.BoundUserId != item.UserId))
        {
            throw new McpException($"No {kind.Name} memory {id} is visible to this key.");
        }
        var detail = item is RawMemory raw ? new JsonObject { ["id"] = raw.Id, ["context"] = raw.Context } : MemoryLines.Detail(item);
        detail["memory_type"] = kind.Name;
        detail["user_id"] = item.UserId;
        detail["created_at"] = item.CreatedAt;
        return detail;
    }

    [McpServerTool(Name = "list_memories", ReadOnly = true), Description("List the user's most recent memories of one type, newest first.")]
    public async Task<JsonObject> ListMemories(
        MemorySearch search,
        [Description("episodic, semantic, procedural, resource, knowledge_vault or raw.")] string memoryType,
        [Description("How many, 1 to 100.")] int limit = 20,
        [Description(UserDescription)] string? userId = null, CancellationToken ct = default)
    {
        var caller = await CallerAsync();
        var user = await UserAsync(caller, userId, ct);
        var kind = Types(memoryType).Single();
        var hits = await search.SearchAsync(new MemorySearch.Request(caller.OrganizationId, user, caller.ReadScopes, kind.Name,
            kind.DefaultField("bm25", all: true), "bm25", "", Math.Clamp(limit, 1, 100), FilterTagsFilter.Empty), ct);
        return new JsonObject { ["user_id"] = user, ["memory_type"] = kind.Name, ["items"] = new JsonArray([.. hits.Select(h => (JsonNode)Line(h.Item, null))]) };
    }

    [McpServerTool(Name = "delete_memory", Destructive = true), Description(
        "Delete one memory the user asked you to forget, by its type and id. Only memories this key may write can be deleted.")]
    public async Task<JsonObject> DeleteMemory(
        TypedMemoryService memories,
        [Description("episodic, semantic, procedural, resource or knowledge_vault.")] string memoryType,
        [Description("The memory's id.")] string id, CancellationToken ct = default)
    {
        var caller = await CallerAsync();
        var kind = Types(memoryType).Single();
        if (!MemoryKinds.ByName.ContainsKey(kind.Name))
        {
            throw new McpException("Raw memories are deleted over REST (DELETE /memory/raw/{id}).");
        }
        var outcome = await memories.DeleteAsync(caller, kind, id, ct);
        return outcome.Value is { } deleted
            ? new JsonObject { ["deleted"] = deleted, ["memory_type"] = kind.Name }
            : throw new McpException(outcome.Error!);
    }

    [McpServerTool(Name = "read_core_memory", ReadOnly = true), Description(
        "Read the user's core memory: short standing notes about who the user is (human) and how to behave with them (persona).")]
    public async Task<JsonObject> ReadCoreMemory([Description(UserDescription)] string? userId = null, CancellationToken ct = default)
    {
        var caller = await CallerAsync();
        var user = await UserAsync(caller, userId, ct);
        var blocks = await BlockStore.GetBlocksAsync(db, caller.OrganizationId, user, caller.ReadScopes, label: null, ct);
        return new JsonObject
        {
            ["user_id"] = user,
            ["blocks"] = new JsonArray([.. blocks.Select(b => (JsonNode)new JsonObject { ["label"] = b.Label, ["value"] = b.Value, ["scope"] = b.Scope })]),
        };
    }

    private async Task<Caller> CallerAsync() =>
        http.HttpContext is { } context && await Caller.BindAsync(context) is { } caller ? caller : throw new McpException("This request is not authenticated.");

    private async Task<string> UserAsync(Caller caller, string? userId, CancellationToken ct)
    {
        var (user, problem) = await TargetUser.ResolveAsync(caller, userId, db, ct, createIfMissing: true);
        return user ?? throw new McpException(problem!.ProblemDetails.Detail!);
    }

    private static IReadOnlyList<MemoryKind> Types(string memoryType) =>
        memoryType == "all" ? [.. MemoryKinds.All.Values]
        : MemoryKinds.All.TryGetValue(memoryType ?? "", out var kind) ? [kind]
        : throw new McpException($"memory_type must be one of {string.Join(", ", MemoryKinds.All.Keys)}{(memoryType == "all" ? "" : " (or all, for search)")}.");

    /// <summary>The turns as MIRIX's message list.</summary>
    private static JsonArray AsJson(IReadOnlyList<Turn> messages) =>
        [.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role, ["content"] = m.Content })];

    private static JsonObject Line(MemoryItem item, double? score)
    {
        var line = new JsonObject { ["memory_type"] = MemoryKinds.Of(item).Name, ["id"] = item.Id, ["text"] = MemoryLines.Line(item, TimeZoneInfo.Utc) };
        if (score is { } s)
        {
            line["score"] = Math.Round(s, 4);
        }
        return line;
    }
}
