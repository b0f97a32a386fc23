namespace Mirix.Core.Domain;

/// <summary>A discrete piece of lookup data (credential, phone number, URL) with a sensitivity level.</summary>
public sealed class KnowledgeVaultItem : MemoryItem
{
    public const string IdPrefix = "kv";

    /// <summary>The sensitivity whose value is never shown or matched: not to agents, not in views, not by search.</summary>
    public const string HighSensitivity = "high";

    public required string EntryType { get; set; }
    public string Source { get; set; } = "";
    public string Sensitivity { get; set; } = "low";
    public required string SecretValue { get; set; }
    public required string Caption { get; set; }

    public bool IsSecret => Sensitivity == HighSensitivity;
}
