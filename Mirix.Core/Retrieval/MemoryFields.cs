using Mirix.Core.Domain;

namespace Mirix.Core.Retrieval;

/// <summary>The memory types and fields search knows, and the text of a field of a row.</summary>
public static class MemoryFields
{
    public static readonly IReadOnlyDictionary<string, string[]> Searchable = new Dictionary<string, string[]>
    {
        ["episodic"] = ["summary", "details", "actor", "event_type"],
        ["semantic"] = ["name", "summary", "details", "source"],
        ["procedural"] = ["summary", "steps", "entry_type"],
        ["resource"] = ["title", "summary", "content", "resource_type"],
        ["knowledge_vault"] = ["caption", "secret_value"],
        ["raw"] = ["context"],
    };

    /// <summary>The fields that get an embedding (MIRIX's vector columns); others are searched by text only.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Embedded = new Dictionary<string, string[]>
    {
        ["episodic"] = ["summary", "details"],
        ["semantic"] = ["name", "summary", "details"],
        ["procedural"] = ["summary", "steps"],
        ["resource"] = ["summary"],
        ["knowledge_vault"] = ["caption"],
        ["raw"] = ["context"],
    };

    /// <summary>MIRIX's default field when none is named (reference §3.2); searching every type uses the fuller fields.</summary>
    public static string DefaultField(string type, string method, bool all) => type switch
    {
        "episodic" => all ? "details" : "summary",
        "semantic" => all ? "details" : "summary",
        "procedural" => all ? "steps" : "summary",
        "resource" => method is "embedding" or "hybrid" ? "summary" : "content",
        "knowledge_vault" => "caption",
        _ => "context",
    };

    public static string TypeOf(MemoryItem item) => item switch
    {
        EpisodicEvent => "episodic",
        SemanticItem => "semantic",
        ProceduralItem => "procedural",
        ResourceItem => "resource",
        KnowledgeVaultItem => "knowledge_vault",
        RawMemory => "raw",
        _ => throw new ArgumentOutOfRangeException(nameof(item), item?.GetType().Name, "Not a memory."),
    };

    /// <summary>When a timed memory (raw or episodic) happened; null for the others.</summary>
    public static DateTime? OccurredAt(MemoryItem item) => item switch
    {
        RawMemory raw => raw.OccurredAt,
        EpisodicEvent e => e.OccurredAt,
        _ => null,
    };

    public static string Text(MemoryItem item, string field) => (item, field) switch
    {
        (EpisodicEvent e, "summary") => e.Summary,
        (EpisodicEvent e, "details") => e.Details,
        (EpisodicEvent e, "actor") => e.Actor,
        (EpisodicEvent e, "event_type") => e.EventType,
        (SemanticItem s, "name") => s.Name,
        (SemanticItem s, "summary") => s.Summary,
        (SemanticItem s, "details") => s.Details,
        (SemanticItem s, "source") => s.Source,
        (ProceduralItem p, "summary") => p.Summary,
        (ProceduralItem p, "steps") => string.Join("\n", p.Steps),
        (ProceduralItem p, "entry_type") => p.EntryType,
        (ResourceItem r, "title") => r.Title,
        (ResourceItem r, "summary") => r.Summary,
        (ResourceItem r, "content") => r.Content,
        (ResourceItem r, "resource_type") => r.ResourceType,
        (KnowledgeVaultItem k, "caption") => k.Caption,
        (KnowledgeVaultItem k, "secret_value") => k.SecretValue,
        (RawMemory r, "context") => r.Context,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, $"Not a field of {item?.GetType().Name}."),
    };
}
