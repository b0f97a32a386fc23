using System.Text;
using Mirix.Agents.Prompts;
using Mirix.Core.Domain;

namespace Mirix.Agents.Chat;

/// <summary>The chat agent's system prompt: its own prompt, how to use memory, the time, and what memory holds for the turn. Pure.</summary>
public static class ChatPrompts
{
    public const string Protocol = """
        You talk with the user and remember them: below is what your long-term memory holds about them for this turn.
        Use it naturally; do not recite it. When the answer needs something the memory below does not show, call
        search_in_memory (or list_memory_within_timerange for "what happened on/last ..."), then answer. Never claim
        to remember what memory does not hold; say you do not know instead. Answer in the user's language.
        """;

    public static string System(string storedPrompt, IReadOnlyList<Block> blocks, IReadOnlyList<(string Type, MemoryItem Item)> relevant, DateTime nowUtc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(storedPrompt);
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentNullException.ThrowIfNull(zone);
        var text = new StringBuilder();
        text.AppendLine(storedPrompt.Trim()).AppendLine().AppendLine(Protocol).AppendLine();
        text.Append("Current time: ").Append(MemoryLines.Local(nowUtc, zone)).Append(" (").Append(zone.Id).AppendLine(")");
        text.AppendLine("<core_memory>");
        foreach (var block in blocks.Where(b => b.Value.Length > 0))
        {
            text.Append('<').Append(block.Label).AppendLine(">").AppendLine(block.Value).Append("</").Append(block.Label).AppendLine(">");
        }
        text.AppendLine("</core_memory>");
        text.AppendLine("<relevant_memories>");
        if (relevant.Count == 0)
        {
            text.AppendLine("(none found for this turn)");
        }
        foreach (var (type, item) in relevant)
        {
            text.Append("- [").Append(type).Append("] ").AppendLine(MemoryLines.Line(item, zone));
        }
        text.AppendLine("</relevant_memories>");
        return text.ToString();
    }
}
