using System.Globalization;
using System.Text;
using Mirix.Core.Agents;

namespace Mirix.Agents.Prompts;

/// <summary>
/// Builds what the agents read. The agent's stored system prompt (ours by default, the client's when it sent one) says
/// what the agent is for; the protocol after it says how to use the tools and is always ours; then comes the memory the
/// writing client may see. Pure: tested without a model or a database.
/// </summary>
public static class AgentPrompts
{
    public static string System(string agentType, string storedPrompt, MemorySnapshot memory, DateTime nowUtc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(zone);
        var text = new StringBuilder();
        text.AppendLine(storedPrompt.Trim()).AppendLine();
        text.AppendLine(Protocol(agentType)).AppendLine();
        text.Append("Current time: ").Append(MemoryLines.Local(nowUtc, zone)).Append(" (").Append(zone.Id).AppendLine(")");
        text.Append(MemoryBlock(memory, zone));
        return text.ToString();
    }

    /// <summary>The content to file, as the user turn of the agent's conversation.</summary>
    public static string Content(string conversation, string? topics)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(topics))
        {
            text.Append("Topics: ").AppendLine(topics.Trim());
        }
        text.AppendLine("New content to file into memory:").AppendLine("<content>").AppendLine(conversation.Trim()).Append("</content>");
        return text.ToString();
    }

    /// <summary>Asked once when a model answered in text instead of calling a tool.</summary>
    public const string ToolRequired = "Your answer was text, but memory is only changed through tools. Call one of your tools now.";

    /// <summary>Sent on the last allowed step.</summary>
    public const string FinishNow = "This is your last step: store anything still missing with one call, or call finish_memory_update.";

    public static string Protocol(string agentType) => agentType == AgentTypes.Meta
        ? """
          How to work: read the new content and decide which memory types it updates:
          - core: lasting facts about the user (name, job, family, preferences) and how the assistant should behave;
          - episodic: things that happened or will happen at a time, with who and when;
          - semantic: concepts, people, places, organisations and things worth knowing, beyond common knowledge;
          - procedural: how to do something, as ordered steps;
          - resource: documents, files, code or links the user shares or works on, with their content;
          - knowledge_vault: discrete values to look up later (phone numbers, addresses, account ids, credentials).
          Call trigger_memory_update once, listing every type that applies and the content's topics separated by ';'.
          When the content holds nothing worth remembering, call finish_memory_update. Never answer in text.
          """
        : """
          How to work: store what the new content adds to your memory type, using your tools; usually one call with
          every new item is enough. Your memory below shows what is already stored, with the ids you can update or merge
          into: do not store again what is already there, and prefer updating an item over adding a near copy. Write times
          as 'YYYY-MM-DD HH:MM:SS' in the user's time zone. When the content holds nothing for your memory type, call
          finish_memory_update. Never answer in text.
          """;

    public static string MemoryBlock(MemorySnapshot memory, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var text = new StringBuilder();
        text.AppendLine("<core_memory>");
        if (memory.Blocks.Count == 0)
        {
            text.AppendLine("(empty)");
        }
        foreach (var block in memory.Blocks)
        {
            var percent = block.Limit == 0 ? 0 : (int)Math.Round(100.0 * block.Value.Length / block.Limit);
            text.Append(CultureInfo.InvariantCulture, $"<{block.Label} characters=\"{block.Value.Length}/{block.Limit}\" ({percent}% full)>").AppendLine();
            text.AppendLine(block.Value.Length == 0 ? "(empty)" : block.Value);
            text.Append("</").Append(block.Label).AppendLine(">");
        }
        text.AppendLine("</core_memory>");
        foreach (var section in memory.Sections)
        {
            text.Append(CultureInfo.InvariantCulture, $"<{section.Type}_memory total=\"{section.Total}\">").AppendLine();
            if (section.Recent.Count + section.Relevant.Count == 0)
            {
                text.AppendLine("(nothing stored yet)");
            }
            AppendItems(text, "Most recent", section.Recent, section.ShowIds, zone);
            AppendItems(text, "Most relevant to the content", section.Relevant.Where(r => section.Recent.All(x => x.Id != r.Id)).ToList(), section.ShowIds, zone);
            text.Append("</").Append(section.Type).AppendLine("_memory>");
        }
        return text.ToString();
    }

    private static void AppendItems(StringBuilder text, string title, IReadOnlyList<Core.Domain.MemoryItem> items, bool showIds, TimeZoneInfo zone)
    {
        if (items.Count == 0)
        {
            return;
        }
        text.Append(title).AppendLine(":");
        for (var i = 0; i < items.Count; i++)
        {
            var label = showIds ? $"[ID: {items[i].Id}]" : $"[{i + 1}]";
            text.Append(label).Append(' ').AppendLine(MemoryLines.Line(items[i], zone));
        }
    }
}
