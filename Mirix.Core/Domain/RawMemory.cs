namespace Mirix.Core.Domain;

/// <summary>Unprocessed task context written directly through the API, without an LLM.</summary>
public sealed class RawMemory : MemoryItem
{
    public const string IdPrefix = "raw_mem";

    public required string Context { get; set; }
    public DateTime? OccurredAt { get; set; }
}
