namespace Mirix.Core.Domain;

/// <summary>
/// One embedding of one field of one memory, made by one model. Kept apart from the memory tables so vectors keep their
/// native size (MIRIX pads every vector to 4096), several models can coexist during a re-embedding, and a search only ever
/// compares vectors of the same model.
/// </summary>
public sealed class MemoryEmbedding
{
    public required string MemoryId { get; set; }
    /// <summary>The memory field embedded: <c>summary</c>, <c>details</c>, <c>caption</c>, <c>context</c>, ….</summary>
    public required string Field { get; set; }
    public required string Model { get; set; }
    public required string OrganizationId { get; set; }
    public required string UserId { get; set; }
    /// <summary><c>episodic</c>, <c>semantic</c>, …, <c>raw</c>.</summary>
    public required string MemoryType { get; set; }
    public int Dimensions { get; set; }
    /// <summary>The vector as little-endian float32, L2-normalised.</summary>
    public required byte[] Vector { get; set; }
}
