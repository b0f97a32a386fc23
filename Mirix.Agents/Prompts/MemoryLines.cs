using System.Globalization;
using System.Text.Json.Nodes;
using Mirix.Core.Domain;

namespace Mirix.Agents.Prompts;

/// <summary>
/// How a memory reads to a model: one line for prompts and search results, every field for the check tools. A high
/// sensitivity secret is never shown, whoever asks.
/// </summary>
public static class MemoryLines
{
    public static string Line(MemoryItem item, TimeZoneInfo zone) => item switch
    {
        EpisodicEvent e => $"{Local(e.OccurredAt, zone)} ({e.Actor}) {e.Summary} — {Clip(e.Details, 300)}",
        SemanticItem s => $"{s.Name}: {s.Summary}",
        ProceduralItem p => $"({p.EntryType}) {p.Summary} — {p.Steps.Count} step(s)",
        ResourceItem r => $"{r.Title} ({r.ResourceType}): {r.Summary}",
        KnowledgeVaultItem k => $"{k.Caption} ({k.EntryType}, {k.Sensitivity})" + (k.IsSecret ? "" : $": {Clip(k.SecretValue, 200)}"),
        RawMemory raw => Clip(raw.Context, 300),
        _ => item.Id,
    };

    public static JsonObject Detail(MemoryItem item) => item switch
    {
        EpisodicEvent e => new() { ["event_id"] = e.Id, ["timestamp"] = e.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), ["event_type"] = e.EventType, ["actor"] = e.Actor, ["summary"] = e.Summary, ["details"] = e.Details },
        SemanticItem s => new() { ["semantic_item_id"] = s.Id, ["name"] = s.Name, ["summary"] = s.Summary, ["details"] = s.Details, ["source"] = s.Source },
        ProceduralItem p => new() { ["id"] = p.Id, ["entry_type"] = p.EntryType, ["summary"] = p.Summary, ["steps"] = new JsonArray([.. p.Steps.Select(x => (JsonNode)x)]) },
        ResourceItem r => new() { ["id"] = r.Id, ["title"] = r.Title, ["summary"] = r.Summary, ["resource_type"] = r.ResourceType, ["content"] = Clip(r.Content, 4000) },
        KnowledgeVaultItem k => new() { ["id"] = k.Id, ["entry_type"] = k.EntryType, ["caption"] = k.Caption, ["source"] = k.Source, ["sensitivity"] = k.Sensitivity, ["secret_value"] = k.IsSecret ? "(hidden)" : k.SecretValue },
        _ => new() { ["id"] = item.Id },
    };

    public static string Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
