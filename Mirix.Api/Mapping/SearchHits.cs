using Mirix.Core.Domain;
using Mirix.Core.Retrieval;

namespace Mirix.Api.Mapping;

internal static class SearchHits
{
    private const int ContentPreviewLength = 200;

    /// <summary>MIRIX's per-type result item, plus the score. Episodic time is <c>occurred_at</c> in "all" and <c>timestamp</c> otherwise, as in MIRIX.</summary>
    public static SearchHit From(MemorySearch.Hit hit, bool all, bool explain, bool withUser)
    {
        SearchHit result = hit.Item switch
        {
            EpisodicEvent e => new EpisodicHit(all ? e.OccurredAt : null, all ? null : e.OccurredAt, e.EventType, e.Actor, e.Summary, e.Details) { Id = e.Id },
            SemanticItem s => new SemanticHit(s.Name, s.Summary, s.Details, s.Source) { Id = s.Id },
            ProceduralItem p => new ProceduralHit(p.EntryType, p.Summary, p.Steps) { Id = p.Id },
            ResourceItem r => new ResourceHit(r.ResourceType, r.Title, r.Summary,
                r.Content.Length <= ContentPreviewLength ? r.Content : r.Content[..ContentPreviewLength]) { Id = r.Id },
            KnowledgeVaultItem k => new KnowledgeVaultHit(k.EntryType, k.Source, k.Sensitivity, k.IsSecret ? KnowledgeVaultView.Redacted : k.SecretValue, k.Caption) { Id = k.Id },
            RawMemory raw => new RawHit(raw.Context, raw.OccurredAt) { Id = raw.Id },
            _ => throw new ArgumentOutOfRangeException(nameof(hit), hit.Item.GetType().Name, "Not a memory."),
        };
        return result with
        {
            UserId = withUser ? hit.Item.UserId : null,
            Score = hit.Score,
            Explain = explain ? hit.Signals : null,
        };
    }
}
