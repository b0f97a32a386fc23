namespace Mirix.Core.Domain;

/// <summary>The tenant boundary: nothing is read or written across organizations.</summary>
public sealed class Organization : Entity
{
    public required string Name { get; set; }
}
