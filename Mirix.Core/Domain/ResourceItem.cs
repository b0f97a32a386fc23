namespace Mirix.Core.Domain;

/// <summary>A document or file the user works with, with its full text.</summary>
public sealed class ResourceItem : MemoryItem
{
    public const string IdPrefix = "res";

    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public string ResourceType { get; set; } = "doc";
    public string Content { get; set; } = "";
}
