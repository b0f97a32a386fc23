namespace Mirix.Core.Domain;

/// <summary>A concept, person or place the user knows about (not common knowledge).</summary>
public sealed class SemanticItem : MemoryItem
{
    public const string IdPrefix = "sem";

    public required string Name { get; set; }
    public string Summary { get; set; } = "";
    public string Details { get; set; } = "";
    public string Source { get; set; } = "";
}
