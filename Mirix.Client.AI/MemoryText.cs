using System.Globalization;
using System.Text;
using Mirix.Contracts;

namespace Mirix.Client.AI;

/// <summary>Memories as the short lines a model reads in a tool result or a prompt: type, the gist, and the date of events.</summary>
public static class MemoryText
{
    /// <summary>What the model is told when nothing was found, so it does not invent a memory.</summary>
    public const string NothingFound = "Nothing is remembered about this.";

    /// <summary>One line per memory, in the order given; <see cref="NothingFound"/> when there are none.</summary>
    public static string Format(IEnumerable<SearchHit> hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var lines = new StringBuilder();
        foreach (var hit in hits)
        {
            lines.Append("- ").AppendLine(Line(hit));
        }
        return lines.Length == 0 ? NothingFound : lines.ToString().TrimEnd();
    }

    /// <summary>One memory as a line.</summary>
    public static string Line(SearchHit hit) => hit switch
    {
        EpisodicHit e => $"[event{(e.When is { } when ? " " + when.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}] {e.Summary}",
        SemanticHit s => $"[fact] {s.Name}: {s.Summary}",
        ProceduralHit p => $"[how-to] {p.Summary}" + (p.Steps.Count > 0 ? ": " + string.Join("; ", p.Steps) : ""),
        ResourceHit r => $"[resource] {r.Title}: {r.Summary}",
        KnowledgeVaultHit k => $"[vault] {k.Caption}",
        RawHit raw => $"[note] {raw.Context}",
        CoreHit core => $"[profile] {core.Label}: {core.Value}",
        _ => $"[memory] {hit.Id}",
    };
}
