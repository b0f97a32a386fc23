using Mirix.Core.Domain;
using Mirix.Core.Memory;

namespace Mirix.Agents.Tools;

/// <summary>How a new item relates to the stored items most like it.</summary>
public enum DuplicateVerdict
{
    New,
    /// <summary>Stored already: the same up to case and spacing, or nearly the same text.</summary>
    Duplicate,
    /// <summary>Close, or with the same name: stored, and the agent is asked to check and merge if they are one.</summary>
    Ambiguous,
}

/// <summary>
/// Deduplication past exact match, for the agents' inserts: normalised text first, then the item's name or key, then an
/// embedding-similarity band. Only the band in between is left to the model (through the check tools). Guards keep
/// different facts apart: events on different days, vault entries with different values.
/// </summary>
public static class DuplicateJudge
{
    /// <summary>At or above: the same item in other words.</summary>
    public const double DuplicateSimilarity = 0.95;

    /// <summary>At or above (below <see cref="DuplicateSimilarity"/>): maybe the same; the model decides.</summary>
    public const double AmbiguousSimilarity = 0.80;

    public readonly record struct Judgement(DuplicateVerdict Verdict, MemoryItem? Match, double? Similarity);

    /// <param name="neighbours">The stored items most like the candidate, with their cosine similarity (null when ranked by text only).</param>
    public static Judgement Judge(MemoryKind kind, MemoryItem candidate, IEnumerable<(MemoryItem Item, double? Similarity)> neighbours)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(neighbours);
        var key = kind.NormalizedKey(candidate);
        var identity = kind.IdentityOf(candidate);
        Judgement best = new(DuplicateVerdict.New, null, null);
        foreach (var (item, similarity) in neighbours)
        {
            if (kind.NormalizedKey(item) == key)
            {
                return new(DuplicateVerdict.Duplicate, item, similarity);
            }
            var sameFact = SameFact(candidate, item);
            if (sameFact && similarity >= DuplicateSimilarity)
            {
                return new(DuplicateVerdict.Duplicate, item, similarity);
            }
            var sameIdentity = identity is not null && kind.IdentityOf(item) == identity;
            if (best.Verdict == DuplicateVerdict.New && (sameIdentity || (sameFact && similarity >= AmbiguousSimilarity)))
            {
                best = new(DuplicateVerdict.Ambiguous, item, similarity);
            }
        }
        return best;
    }

    /// <summary>Whether two items could state one fact at all: an event of another day, or a vault entry with another value, cannot.</summary>
    private static bool SameFact(MemoryItem candidate, MemoryItem stored) => (candidate, stored) switch
    {
        (EpisodicEvent a, EpisodicEvent b) => a.OccurredAt.Date == b.OccurredAt.Date,
        (KnowledgeVaultItem a, KnowledgeVaultItem b) => MemoryKind.Normalize(a.SecretValue) == MemoryKind.Normalize(b.SecretValue),
        _ => true,
    };
}
