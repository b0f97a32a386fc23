namespace Mirix.Core.Domain;

/// <summary>
/// A stored agent: the meta memory agent of a client and its memory-agent children. Belongs to the client that created it
/// (<see cref="Entity.CreatedById"/>) within its organization. Configs are kept as the JSON the client sent.
/// </summary>
public sealed class Agent : Entity
{
    public const string IdPrefix = "agent";

    public required string OrganizationId { get; set; }
    public required string AgentType { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? ParentId { get; set; }
    public string System { get; set; } = "";
    public List<string> MessageIds { get; set; } = [];
    public required string LlmConfig { get; set; }
    public required string EmbeddingConfig { get; set; }
    public string? ToolRules { get; set; }
    public List<string> Tags { get; set; } = [];
}
