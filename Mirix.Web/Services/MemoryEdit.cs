using System.Text.Json.Nodes;
using Mirix.Client;
using Mirix.Contracts;

namespace Mirix.Web.Services;

/// <summary>
/// A memory being edited in the browser: the fields a person may correct (the text, never ids, tags or provenance),
/// with their current values, and how to save the ones that changed.
/// </summary>
public sealed class MemoryEdit
{
    private readonly Dictionary<string, string> _original;

    private MemoryEdit(string type, string id, Dictionary<string, string> fields, string? label = null)
    {
        Type = type;
        Id = id;
        _original = new Dictionary<string, string>(fields, StringComparer.Ordinal);
        Fields = fields;
        Label = label;
    }

    public string Type { get; }

    public string Id { get; }

    /// <summary>The editable fields by API name, bound to the form.</summary>
    public Dictionary<string, string> Fields { get; }

    /// <summary>A core block's label, which the save sends back unchanged.</summary>
    private string? Label { get; }

    /// <summary>The memory <paramref name="id"/> of <paramref name="type"/> in <paramref name="memories"/>, ready to edit; null when it is not there.</summary>
    public static MemoryEdit? For(MemorySections memories, string type, string id)
    {
        ArgumentNullException.ThrowIfNull(memories);
        Dictionary<string, string> F(params (string Name, string Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
        return type switch
        {
            "episodic" when memories.Episodic?.Items.FirstOrDefault(e => e.Id == id) is { } e => new(type, id, F(("summary", e.Summary), ("details", e.Details))),
            "semantic" when memories.Semantic?.Items.FirstOrDefault(s => s.Id == id) is { } s => new(type, id, F(("name", s.Name), ("summary", s.Summary), ("details", s.Details))),
            "procedural" when memories.Procedural?.Items.FirstOrDefault(p => p.Id == id) is { } p => new(type, id, F(("summary", p.Summary))),
            "resource" when memories.Resource?.Items.FirstOrDefault(r => r.Id == id) is { } r => new(type, id, F(("title", r.Title), ("summary", r.Summary), ("content", r.Content))),
            "knowledge_vault" when memories.KnowledgeVault?.Items.FirstOrDefault(k => k.Id == id) is { } k => new(type, id, F(("caption", k.Caption))),
            "raw" when memories.Raw?.Items.FirstOrDefault(r => r.Id == id) is { } raw => new(type, id, F(("context", raw.Context))),
            "core" when memories.Core?.Scopes.Values.SelectMany(s => s.Items).FirstOrDefault(b => b.Id == id) is { } b => new(type, id, F(("value", b.Value)), b.Label),
            _ => null,
        };
    }

    /// <summary>The fields whose text changed.</summary>
    public JsonObject Changes() =>
        [.. Fields.Where(f => f.Value != _original[f.Key]).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))];

    /// <summary>Saves the changed fields; nothing is sent when nothing changed.</summary>
    public async Task SaveAsync(IMirixClient client, string userId)
    {
        ArgumentNullException.ThrowIfNull(client);
        var changes = Changes();
        if (changes.Count == 0)
        {
            return;
        }
        switch (Type)
        {
            case "episodic": await client.UpdateMemoryAsync(MemoryTypes.Episodic, Id, changes); break;
            case "semantic": await client.UpdateMemoryAsync(MemoryTypes.Semantic, Id, changes); break;
            case "procedural": await client.UpdateMemoryAsync(MemoryTypes.Procedural, Id, changes); break;
            case "resource": await client.UpdateMemoryAsync(MemoryTypes.Resource, Id, changes); break;
            case "knowledge_vault": await client.UpdateMemoryAsync(MemoryTypes.KnowledgeVault, Id, changes); break;
            case "raw": await client.UpdateRawMemoryAsync(Id, new UpdateRawMemoryRequest(Fields["context"], ContextUpdateType: "replace")); break;
            default: await client.UpsertBlockAsync(new UpsertBlockRequest(Id, Label, Fields["value"], UserId: userId)); break;
        }
    }
}
