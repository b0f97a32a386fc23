using System.Globalization;
using System.Text;
using Mirix.Core.Domain;

namespace Mirix.Agents.Prompts;

/// <summary>What the consolidation agent reads: how to consolidate, then the memories of the window with their ids. Pure.</summary>
public static class DreamPrompts
{
    public static string System(string storedPrompt, string mode, DateTime nowUtc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(storedPrompt);
        ArgumentNullException.ThrowIfNull(zone);
        return new StringBuilder()
            .AppendLine(storedPrompt.Trim()).AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"""
                How to work ({mode} consolidation): below are the user's memories stored in a period, with their ids.
                - Items that say the same thing, or one that another fully contains: replace them all with one item that keeps
                  every detail (list every old id, give one new item).
                - Items that contradict each other: replace them with one item that states what holds now, preferring the most
                  recent; keep the earlier state in the details when it still matters ("moved from Porto to Lisbon in May").
                - Items with nothing worth remembering: replace them with no new item.
                - Leave everything else alone. Never invent facts, never drop a date, a name or a number.
                Replaced items stay in the history, so be decisive but careful. When nothing (more) needs consolidating, call
                finish_memory_update. Never answer in text.
                """)
            .Append("Current time: ").Append(MemoryLines.Local(nowUtc, zone)).Append(" (").Append(zone.Id).AppendLine(")")
            .ToString();
    }

    /// <summary>The memories to consolidate, by component, as JSON lines with their ids; core blocks by label.</summary>
    public static string Content(IReadOnlyDictionary<string, IReadOnlyList<MemoryItem>> items, IReadOnlyList<Block> blocks)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(blocks);
        var text = new StringBuilder();
        foreach (var (component, list) in items)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"=== {component} ({list.Count} items) ===");
            foreach (var item in list)
            {
                var detail = MemoryLines.Detail(item);
                detail["stored_at"] = item.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                text.AppendLine(detail.ToJsonString());
            }
        }
        if (blocks.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"=== core ({blocks.Count} blocks) ===");
            foreach (var block in blocks)
            {
                text.Append('<').Append(block.Label).Append(CultureInfo.InvariantCulture, $" characters=\"{block.Value.Length}/{block.Limit}\">").AppendLine();
                text.AppendLine(block.Value).Append("</").Append(block.Label).AppendLine(">");
            }
        }
        return text.ToString();
    }
}
