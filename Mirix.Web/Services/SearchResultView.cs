using Mirix.Contracts;

namespace Mirix.Web.Services;

/// <summary>A search hit as the browser shows it: its type, one line of text, the score and the signals behind it as bars.</summary>
public sealed record SearchResultView(string Kind, string Text, double? Score, IReadOnlyList<SearchResultView.Signal> Signals)
{
    /// <summary>One signal of the score; <see cref="Percent"/> is its share of the largest signal among all results.</summary>
    public sealed record Signal(string Name, double Value, int Percent);

    /// <summary>Best first; every signal drawn on one scale per name, so bars compare across results.</summary>
    public static IReadOnlyList<SearchResultView> Rank(IEnumerable<SearchHit> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var ordered = hits.OrderByDescending(h => h.Score ?? double.MinValue).ToList();
        var largest = ordered.SelectMany(h => h.Explain ?? new Dictionary<string, double>())
            .GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Max(s => Math.Abs(s.Value)));
        return [.. ordered.Select(h => new SearchResultView(KindOf(h), TextOf(h), h.Score,
            [.. (h.Explain ?? new Dictionary<string, double>()).Select(s => new Signal(s.Key, s.Value,
                largest[s.Key] == 0 ? 0 : (int)Math.Round(100 * Math.Abs(s.Value) / largest[s.Key])))]))];
    }

    private static string KindOf(SearchHit hit) => hit switch
    {
        EpisodicHit => "episodic",
        SemanticHit => "semantic",
        ProceduralHit => "procedural",
        ResourceHit => "resource",
        KnowledgeVaultHit => "knowledge_vault",
        RawHit => "raw",
        _ => "core",
    };

    private static string TextOf(SearchHit hit) => hit switch
    {
        EpisodicHit e => $"{e.When:yyyy-MM-dd} · {e.Summary}",
        SemanticHit s => $"{s.Name}: {s.Summary}",
        ProceduralHit p => p.Summary,
        ResourceHit r => $"{r.Title}: {r.Summary}",
        KnowledgeVaultHit k => k.Caption,
        RawHit raw => raw.Context,
        CoreHit core => $"{core.Label}: {core.Value}",
        _ => hit.Id,
    };
}
