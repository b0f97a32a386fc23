namespace Mirix.Core.Domain;

/// <summary>A message an agent saw or wrote; the source memories point back to (provenance).</summary>
public sealed class Message : Entity
{
    public const string IdPrefix = "message";

    public required string OrganizationId { get; set; }
    public string? AgentId { get; set; }
    public string? UserId { get; set; }
    public string? ClientId { get; set; }
    public required string Role { get; set; }
    public string? Text { get; set; }
    /// <summary>The content parts as JSON (text, image_url, file_uri, …), images and files included.</summary>
    public string? Content { get; set; }
    public string? Name { get; set; }
    public string? FilterTags { get; set; }
    /// <summary>The ingestion operation that carried the message in.</summary>
    public string? OperationId { get; set; }
}
