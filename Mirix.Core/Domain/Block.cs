namespace Mirix.Core.Domain;

/// <summary>A core-memory block (e.g. <c>human</c>, <c>persona</c>) of a user, in one scope.</summary>
public sealed class Block : Entity
{
    public const string IdPrefix = "block";
    public const int DefaultLimit = 5000;

    public required string OrganizationId { get; set; }
    public required string UserId { get; set; }
    public required string Label { get; set; }
    public string Value { get; set; } = "";
    public int Limit { get; set; } = DefaultLimit;
    public string? Scope { get; set; }
    public string? FilterTags { get; set; }
}
