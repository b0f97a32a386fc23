using Mirix.Core.Domain;

namespace Mirix.Api.Mapping;

/// <summary>Memory rows as the API shows them. High-sensitivity vault secrets are never echoed by listing routes.</summary>
internal static class MemoryMapping
{
    extension(EpisodicView)
    {
        public static EpisodicView From(EpisodicEvent e) => new(e.Id, e.OccurredAt, e.EventType, e.Actor, e.Summary, e.Details,
            JsonText.ParseOrNull(e.FilterTags), e.SourceMessageIds, e.ExpiresAt, e.CreatedAt, e.UpdatedAt);
    }

    extension(SemanticView)
    {
        public static SemanticView From(SemanticItem s) => new(s.Id, s.Name, s.Summary, s.Details, s.Source,
            JsonText.ParseOrNull(s.FilterTags), s.SourceMessageIds, s.ExpiresAt, s.CreatedAt, s.UpdatedAt);
    }

    extension(ProceduralView)
    {
        public static ProceduralView From(ProceduralItem p) => new(p.Id, p.EntryType, p.Summary, p.Steps,
            JsonText.ParseOrNull(p.FilterTags), p.SourceMessageIds, p.ExpiresAt, p.CreatedAt, p.UpdatedAt);
    }

    extension(ResourceView)
    {
        public static ResourceView From(ResourceItem r) => new(r.Id, r.ResourceType, r.Title, r.Summary, r.Content,
            JsonText.ParseOrNull(r.FilterTags), r.SourceMessageIds, r.ExpiresAt, r.CreatedAt, r.UpdatedAt);
    }

    extension(KnowledgeVaultView)
    {
        public static KnowledgeVaultView From(KnowledgeVaultItem k) => new(k.Id, k.EntryType, k.Source, k.Sensitivity,
            k.IsSecret ? KnowledgeVaultView.Redacted : k.SecretValue, k.Caption,
            JsonText.ParseOrNull(k.FilterTags), k.SourceMessageIds, k.ExpiresAt, k.CreatedAt, k.UpdatedAt);
    }

    extension(RawMemoryView)
    {
        public static RawMemoryView From(RawMemory r) => new(r.Id, r.Context, JsonText.ParseOrNull(r.FilterTags), r.UserId, r.OrganizationId,
            r.OccurredAt, new LastModify(r.LastModifiedAt, r.LastModifyOperation), r.SourceMessageIds, r.ExpiresAt, r.CreatedAt, r.UpdatedAt);
    }

    extension(BlockResponse)
    {
        public static BlockResponse From(Block b) =>
            new(b.Id, b.Label, b.Value, b.Limit, b.UserId, b.OrganizationId, JsonText.ParseOrNull(b.FilterTags), b.CreatedById, b.LastUpdatedById);
    }

    extension(CoreSection)
    {
        /// <summary>Blocks grouped by scope, at most <paramref name="limit"/> per scope.</summary>
        public static CoreSection From(IReadOnlyCollection<Block> blocks, int limit) =>
            new(blocks.Count, blocks.GroupBy(b => b.Scope ?? "")
                .ToDictionary(g => g.Key, g => new CoreScopeItems(g.Take(limit).Select(b => new CoreBlockView(b.Id, b.Label, b.Value)).ToList())));
    }

    /// <summary>Any memory row as its type's view, for routes that serve every type.</summary>
    public static object ToView(this MemoryItem item) => item switch
    {
        EpisodicEvent e => EpisodicView.From(e),
        SemanticItem s => SemanticView.From(s),
        ProceduralItem p => ProceduralView.From(p),
        ResourceItem r => ResourceView.From(r),
        KnowledgeVaultItem k => KnowledgeVaultView.From(k),
        RawMemory raw => RawMemoryView.From(raw),
        _ => throw new ArgumentOutOfRangeException(nameof(item), item.GetType().Name, "Not a memory."),
    };
}
