namespace Mirix.Core.Agents;

/// <summary>MIRIX's agent types (the SDK validates <c>agent_type</c> against exactly these).</summary>
public static class AgentTypes
{
    public const string Meta = "meta_memory_agent";
    public const string Core = "core_memory_agent";
    public const string Episodic = "episodic_memory_agent";
    public const string Semantic = "semantic_memory_agent";
    public const string Procedural = "procedural_memory_agent";
    public const string Resource = "resource_memory_agent";
    public const string KnowledgeVault = "knowledge_vault_memory_agent";
    public const string Reflexion = "reflexion_agent";
    public const string Background = "background_agent";
    public const string AutoDream = "auto_dream_agent";
    public const string Chat = "chat_agent";
    public const string Coder = "coder_agent";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Meta, Core, Episodic, Semantic, Procedural, Resource, KnowledgeVault, Reflexion, Background, AutoDream, Chat, Coder,
    };

    /// <summary>The memory-agent children a meta agent may have.</summary>
    public static readonly IReadOnlySet<string> Children = new HashSet<string>(StringComparer.Ordinal)
    {
        Core, Episodic, Semantic, Procedural, Resource, KnowledgeVault, Reflexion, Background,
    };

    /// <summary>
    /// The agent type a <c>meta_agent_config.agents</c> entry names: a full type (<c>episodic_memory_agent</c>) or a short
    /// one (<c>episodic</c>, <c>knowledge_vault</c>). Null when it names none.
    /// </summary>
    public static string? FromConfigName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (All.Contains(trimmed))
        {
            return trimmed;
        }
        var memoryType = trimmed + "_memory_agent";
        if (All.Contains(memoryType))
        {
            return memoryType;
        }
        var agent = trimmed + "_agent";
        return All.Contains(agent) ? agent : null;
    }

    /// <summary>The short name MIRIX accepts in <c>/agents/by-name</c>: <c>episodic</c>, <c>knowledge_vault</c>, <c>reflexion</c>, ….</summary>
    public static string ShortName(string agentType)
    {
        ArgumentNullException.ThrowIfNull(agentType);
        if (agentType == Meta)
        {
            return Meta;
        }
        return agentType.EndsWith("_memory_agent", StringComparison.Ordinal) ? agentType[..^"_memory_agent".Length]
            : agentType.EndsWith("_agent", StringComparison.Ordinal) ? agentType[..^"_agent".Length]
            : agentType;
    }
}
