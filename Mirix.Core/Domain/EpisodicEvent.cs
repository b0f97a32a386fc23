namespace Mirix.Core.Domain;

/// <summary>A time-stamped event in the user's life or conversation.</summary>
public sealed class EpisodicEvent : MemoryItem
{
    public const string IdPrefix = "ep";

    public DateTime OccurredAt { get; set; }
    public string Actor { get; set; } = "user";
    public string EventType { get; set; } = "user_message";
    public string Summary { get; set; } = "";
    public required string Details { get; set; }
}
