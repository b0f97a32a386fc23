using Mirix.Core.Agents;

namespace Mirix.Agents.Tools;

/// <summary>The tools of each agent type, with MIRIX's names and LLM-visible parameters (reference §1.3).</summary>
public static class ToolCatalog
{
    public const string TriggerMemoryUpdate = "trigger_memory_update";
    public const string FinishMemoryUpdate = "finish_memory_update";
    public const string SearchInMemory = "search_in_memory";
    public const string ListMemoryWithinTimerange = "list_memory_within_timerange";

    public static readonly AgentTool Finish = new(FinishMemoryUpdate,
        "End the memory update: call it when everything worth keeping is stored, or when nothing is.", typeof(NoArgs), ToolEffect.Finish);

    public static readonly AgentTool Trigger = new(TriggerMemoryUpdate,
        "Hand the content to the memory agents of the listed types; they run at once and file it. List every type the content updates.",
        typeof(TriggerMemoryUpdateArgs), ToolEffect.Route);

    public static readonly AgentTool Search = new(SearchInMemory,
        "Search the user's memories to check what is already known before writing.", typeof(SearchInMemoryArgs), ToolEffect.Read);

    public static readonly AgentTool ListTimeRange = new(ListMemoryWithinTimerange,
        "List the user's events between two times, to see what is already stored for a period.", typeof(ListTimeRangeArgs), ToolEffect.Read);

    private static readonly Dictionary<string, AgentTool[]> Own = new(StringComparer.Ordinal)
    {
        [AgentTypes.Core] =
        [
            new("core_memory_append", "Add a line to a core memory block (human: who the user is; persona: how to behave).", typeof(CoreMemoryArgs), ToolEffect.Write),
            new("core_memory_rewrite", "Replace a core memory block's whole text, e.g. to condense a nearly full block.", typeof(CoreMemoryArgs), ToolEffect.Write),
        ],
        [AgentTypes.Episodic] =
        [
            new("episodic_memory_insert", "Store new time-stamped events.", typeof(InsertArgs<EpisodicInput>), ToolEffect.Write),
            new("episodic_memory_merge", "Fold new information into an existing event that it continues.", typeof(EpisodicMergeArgs), ToolEffect.Write),
            new("episodic_memory_replace", "Replace events with consolidated ones.", typeof(EpisodicReplaceArgs), ToolEffect.Write),
            new("check_episodic_memory", "Read events in full by id.", typeof(CheckEpisodicArgs), ToolEffect.Read),
        ],
        [AgentTypes.Semantic] =
        [
            new("semantic_memory_insert", "Store new concepts, people, places or things.", typeof(InsertArgs<SemanticInput>), ToolEffect.Write),
            new("semantic_memory_update", "Replace items whose knowledge changed.", typeof(SemanticUpdateArgs), ToolEffect.Write),
            new("check_semantic_memory", "Read items in full by id.", typeof(CheckSemanticArgs), ToolEffect.Read),
        ],
        [AgentTypes.Procedural] =
        [
            new("procedural_memory_insert", "Store new procedures as ordered steps.", typeof(InsertArgs<ProceduralInput>), ToolEffect.Write),
            new("procedural_memory_update", "Replace procedures that changed.", typeof(UpdateArgs<ProceduralInput>), ToolEffect.Write),
        ],
        [AgentTypes.Resource] =
        [
            new("resource_memory_insert", "Store documents or files with their real content.", typeof(InsertArgs<ResourceInput>), ToolEffect.Write),
            new("resource_memory_update", "Replace resources that changed.", typeof(UpdateArgs<ResourceInput>), ToolEffect.Write),
        ],
        [AgentTypes.KnowledgeVault] =
        [
            new("knowledge_vault_insert", "Store discrete values to look up later.", typeof(InsertArgs<KnowledgeVaultInput>), ToolEffect.Write),
            new("knowledge_vault_update", "Replace values that changed.", typeof(UpdateArgs<KnowledgeVaultInput>), ToolEffect.Write),
        ],
    };

    /// <summary>The tools that rewrite stored memory, by component: what a consolidation run may use.</summary>
    private static readonly Dictionary<string, string[]> Rewriting = new(StringComparer.Ordinal)
    {
        ["core"] = ["core_memory_rewrite"],
        ["episodic"] = ["episodic_memory_replace", "check_episodic_memory"],
        ["semantic"] = ["semantic_memory_update", "check_semantic_memory"],
        ["procedural"] = ["procedural_memory_update"],
        ["resource"] = ["resource_memory_update"],
        ["knowledge_vault"] = ["knowledge_vault_update"],
    };

    /// <summary>A consolidation run's tools: the rewriting tools of its components, search, and finish.</summary>
    public static IReadOnlyList<AgentTool> ForDream(IEnumerable<string> components) =>
        [.. components.SelectMany(c => Rewriting[c]).Select(name => Own.Values.SelectMany(t => t).Single(t => t.Name == name)), Search, Finish];

    /// <summary>The memory types a meta agent can route to, by MIRIX's short names.</summary>
    public static readonly IReadOnlyList<string> MemoryTypes = ["core", "episodic", "semantic", "procedural", "resource", "knowledge_vault"];

    public static IReadOnlyList<AgentTool> For(string agentType) => agentType == AgentTypes.Meta
        ? [Trigger, Finish]
        : Own.TryGetValue(agentType, out var own) ? [.. own, Search, ListTimeRange, Finish] : [Search, ListTimeRange, Finish];

    /// <summary>Every tool an agent can be given, each once: what <c>/tools</c> lists.</summary>
    public static IReadOnlyList<AgentTool> All { get; } = [Trigger, Finish, Search, ListTimeRange, .. Own.Values.SelectMany(t => t)];

    /// <summary>MIRIX's tool type: the memory-writing tools are <c>mirix_memory_core</c>, the rest <c>mirix_core</c>.</summary>
    public static string TypeOf(AgentTool tool) =>
        tool is null ? throw new ArgumentNullException(nameof(tool)) : tool.Effect == ToolEffect.Write ? "mirix_memory_core" : "mirix_core";

    /// <summary>Whether the type has memory tools of its own (reflexion and background agents have none to run on add).</summary>
    public static bool IsMemoryAgent(string agentType) => Own.ContainsKey(agentType);
}
