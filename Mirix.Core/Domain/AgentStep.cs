namespace Mirix.Core.Domain;

/// <summary>One LLM call, with its token usage.</summary>
public sealed class AgentStep : Entity
{
    public const string IdPrefix = "step";

    public required string OrganizationId { get; set; }
    public string? AgentId { get; set; }
    public string? ProviderName { get; set; }
    public string? Model { get; set; }
    public int? ContextWindowLimit { get; set; }
    public int CompletionTokens { get; set; }
    public int PromptTokens { get; set; }
    public int TotalTokens { get; set; }
}
