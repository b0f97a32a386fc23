namespace Mirix.Core.Domain;

/// <summary>A workflow, guide or script as a list of steps.</summary>
public sealed class ProceduralItem : MemoryItem
{
    public const string IdPrefix = "proc";

    public string EntryType { get; set; } = "workflow";
    public required string Summary { get; set; }
    public List<string> Steps { get; set; } = [];
}
