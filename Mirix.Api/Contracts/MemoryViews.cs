using System.Text.Json;
using Mirix.Core.Domain;

namespace Mirix.Api.Contracts;

// The item shapes of /memory/components (MIRIX's field names), plus what MIRIX lacks: filter_tags, provenance, expiry.

public sealed record EpisodicView(
    string Id, DateTime OccurredAt, string EventType, string Actor, string Summary, string Details,
    JsonElement? FilterTags, IReadOnlyList<string> SourceMessageIds, DateTime? ExpiresAt, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static EpisodicView From(EpisodicEvent e) => new(e.Id, e.OccurredAt, e.EventType, e.Actor, e.Summary, e.Details,
        JsonText.ParseOrNull(e.FilterTags), e.SourceMessageIds, e.ExpiresAt, e.CreatedAt, e.UpdatedAt);
}

public sealed record SemanticView(
    string Id, string Name, string Summary, string Details, string Source,
    JsonElement? FilterTags, IReadOnlyList<string> SourceMessageIds, DateTime? ExpiresAt, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static SemanticView From(SemanticItem s) => new(s.Id, s.Name, s.Summary, s.Details, s.Source,
        JsonText.ParseOrNull(s.FilterTags), s.SourceMessageIds, s.ExpiresAt, s.CreatedAt, s.UpdatedAt);
}

public sealed record ProceduralView(
    string Id, string EntryType, string Summary, IReadOnlyList<string> Steps,
    JsonElement? FilterTags, IReadOnlyList<string> SourceMessageIds, DateTime? ExpiresAt, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ProceduralView From(ProceduralItem p) => new(p.Id, p.EntryType, p.Summary, p.Steps,
        JsonText.ParseOrNull(p.FilterTags), p.SourceMessageIds, p.ExpiresAt, p.CreatedAt, p.UpdatedAt);
}

public sealed record ResourceView(
    string Id, string ResourceType, string Title, string Summary, string Content,
    JsonElement? FilterTags, IReadOnlyList<string> SourceMessageIds, DateTime? ExpiresAt, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ResourceView From(ResourceItem r) => new(r.Id, r.ResourceType, r.Title, r.Summary, r.Content,
        JsonText.ParseOrNull(r.FilterTags), r.SourceMessageIds, r.ExpiresAt, r.CreatedAt, r.UpdatedAt);
}

public sealed record KnowledgeVaultView(
    string Id, string EntryType, string Source, string Sensitivity, string SecretValue, string Caption,
    JsonElement? FilterTags, IReadOnlyList<string> SourceMessageIds, DateTime? ExpiresAt, DateTime CreatedAt, DateTime UpdatedAt)
{
    /// <summary>High-sensitivity secrets are never echoed by listing routes (MIRIX returns them everywhere).</summary>
    public const string Redacted = "[redacted: high sensitivity]";

    public static KnowledgeVaultView From(KnowledgeVaultItem k) => new(k.Id, k.EntryType, k.Source, k.Sensitivity,
        k.IsSecret ? Redacted : k.SecretValue, k.Caption,
        JsonText.ParseOrNull(k.FilterTags), k.SourceMessageIds, k.ExpiresAt, k.CreatedAt, k.UpdatedAt);
}

public sealed record CoreBlockView(string Id, string Label, string Value);

public sealed record Section<T>(int TotalCount, IReadOnlyList<T> Items);

public sealed record CoreSection(int TotalCount, IReadOnlyDictionary<string, CoreScopeItems> Scopes)
{
    /// <summary>Blocks grouped by scope, at most <paramref name="limit"/> per scope.</summary>
    public static CoreSection From(IReadOnlyCollection<Block> blocks, int limit) =>
        new(blocks.Count, blocks.GroupBy(b => b.Scope ?? "")
            .ToDictionary(g => g.Key, g => new CoreScopeItems(g.Take(limit).Select(b => new CoreBlockView(b.Id, b.Label, b.Value)).ToList())));
}

public sealed record CoreScopeItems(IReadOnlyList<CoreBlockView> Items);
