namespace Mirix.Contracts;

/// <summary>A typed memory route: its name in paths and <c>memory_type</c>, and the view its items come back as.</summary>
public sealed record MemoryType<TView>(string Name)
{
    public override string ToString() => Name;
}

/// <summary>The five typed memories with routes of their own (raw memory and core blocks have their own calls).</summary>
public static class MemoryTypes
{
    public static MemoryType<EpisodicView> Episodic { get; } = new("episodic");
    public static MemoryType<SemanticView> Semantic { get; } = new("semantic");
    public static MemoryType<ProceduralView> Procedural { get; } = new("procedural");
    public static MemoryType<ResourceView> Resource { get; } = new("resource");
    public static MemoryType<KnowledgeVaultView> KnowledgeVault { get; } = new("knowledge_vault");
}
