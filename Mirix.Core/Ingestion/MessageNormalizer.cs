using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Accepts the three message shapes MIRIX has had — <c>content</c> as a string, as a list of strings, or as a list of typed
/// parts — and role-less items that are themselves content parts (grouped into one user message). Images and files are
/// kept as given; MIRIX drops them.
/// </summary>
public static class MessageNormalizer
{
    public static readonly IReadOnlySet<string> Roles = new HashSet<string>(StringComparer.Ordinal) { "user", "assistant", "system", "tool" };

    /// <summary>Each content part type MIRIX knows and the field that must carry its payload.</summary>
    private static readonly Dictionary<string, string[]> PartPayload = new(StringComparer.Ordinal)
    {
        ["text"] = ["text"],
        ["image_url"] = ["image_url"],
        ["image_data"] = ["image_data"],
        ["file_uri"] = ["file_uri"],
        ["google_cloud_file_uri"] = ["google_cloud_file_uri", "file_uri"],
        ["database_image_id"] = ["image_id"],
        ["database_file_id"] = ["file_id"],
        ["database_google_cloud_file_uri"] = ["cloud_file_uri"],
    };

    /// <summary>The most messages one add (or one retrieval) may carry.</summary>
    public const int MaxMessages = 1_000;

    public static (List<IngestedMessage>? Messages, string? Error) Normalize(JsonArray? messages)
    {
        if (messages is null || messages.Count == 0)
        {
            return (null, "messages must be a non-empty list.");
        }
        if (messages.Count > MaxMessages)
        {
            // One add is one agent run for one user: a huge batch would hold that user's queue for minutes. Split it.
            return (null, $"messages holds {messages.Count} items; one request takes at most {MaxMessages} (send the rest in further requests).");
        }
        var result = new List<IngestedMessage>();
        JsonArray? loose = null; // consecutive role-less parts form one user message
        for (var i = 0; i < messages.Count; i++)
        {
            var item = messages[i];
            if (item is JsonValue value && value.TryGetValue<string>(out var text))
            {
                Flush();
                result.Add(new IngestedMessage("user", [TextPart(text)]));
                continue;
            }
            if (item is not JsonObject obj)
            {
                return (null, $"messages[{i}] must be an object or a string.");
            }
            if (!obj.ContainsKey("role"))
            {
                var (part, partError) = Part(obj, $"messages[{i}]");
                if (part is null)
                {
                    return (null, partError);
                }
                (loose ??= []).Add(part);
                continue;
            }
            Flush();
            var (message, error) = Message(obj, i);
            if (message is null)
            {
                return (null, error);
            }
            result.Add(message);
        }
        Flush();
        return (result, null);

        void Flush()
        {
            if (loose is not null)
            {
                result.Add(new IngestedMessage("user", loose));
                loose = null;
            }
        }
    }

    /// <summary>The message as text for a reader or an LLM: MIRIX's <c>[USER] </c>/<c>[ASSISTANT] </c> prefixes, non-text parts named.</summary>
    public static string ToText(IngestedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder(message.Role == "user" ? "[USER] " : "[ASSISTANT] ");
        var first = true;
        foreach (var part in message.Content.OfType<JsonObject>())
        {
            if (!first)
            {
                text.Append('\n');
            }
            first = false;
            text.Append(DescribePart(part));
        }
        return text.ToString();
    }

    /// <summary>The plain text of the message's text parts only.</summary>
    public static string PlainText(IngestedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Join("\n", message.Content.OfType<JsonObject>()
            .Where(p => (string?)p["type"] == "text")
            .Select(p => (string?)p["text"] ?? ""));
    }

    private static string DescribePart(JsonObject part)
    {
        var type = (string)part["type"]!;
        if (type == "text")
        {
            return (string?)part["text"] ?? "";
        }
        var payload = PartPayload[type].Select(f => part[f]).FirstOrDefault(n => n is not null);
        var reference = payload switch
        {
            JsonObject o => (string?)o["url"] ?? (o.ContainsKey("data") ? "inline data" : o.ToJsonString()),
            JsonValue v when v.TryGetValue<string>(out var s) => s.StartsWith("data:", StringComparison.Ordinal) ? "inline data" : s,
            _ => payload?.ToJsonString(),
        };
        return $"[{type}: {reference}]";
    }

    private static (IngestedMessage? Message, string? Error) Message(JsonObject obj, int index)
    {
        var where = $"messages[{index}]";
        if (obj["role"] is not JsonValue roleValue || !roleValue.TryGetValue<string>(out var role) || !Roles.Contains(role))
        {
            return (null, $"{where}.role must be one of {string.Join(", ", Roles)}.");
        }
        foreach (var (key, _) in obj)
        {
            if (key is not ("role" or "content" or "name"))
            {
                return (null, $"{where} has an unknown field '{key}' (allowed: role, content, name).");
            }
        }
        string? name = null;
        if (obj["name"] is { } nameNode && (nameNode is not JsonValue nv || !nv.TryGetValue(out name)))
        {
            return (null, $"{where}.name must be a string.");
        }
        var content = obj["content"];
        if (content is JsonValue contentValue && contentValue.TryGetValue<string>(out var text))
        {
            return string.IsNullOrEmpty(text)
                ? (null, $"{where}.content must not be empty.")
                : (new IngestedMessage(role, [TextPart(text)], name), null);
        }
        if (content is not JsonArray list || list.Count == 0)
        {
            return (null, $"{where}.content must be a string, a list of strings or a list of content parts.");
        }
        var parts = new JsonArray();
        for (var j = 0; j < list.Count; j++)
        {
            switch (list[j])
            {
                case JsonValue s when s.TryGetValue<string>(out var partText):
                    parts.Add(TextPart(partText));
                    break;
                case JsonObject partObject:
                    var (part, error) = Part(partObject, $"{where}.content[{j}]");
                    if (part is null)
                    {
                        return (null, error);
                    }
                    parts.Add(part);
                    break;
                default:
                    return (null, $"{where}.content[{j}] must be a string or a content part object.");
            }
        }
        return (new IngestedMessage(role, parts, name), null);
    }

    private static (JsonObject? Part, string? Error) Part(JsonObject part, string where)
    {
        if (part["type"] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var type) || !PartPayload.TryGetValue(type, out var fields))
        {
            return (null, $"{where}.type must be one of {string.Join(", ", PartPayload.Keys)}.");
        }
        if (type == "text")
        {
            return part["text"] is JsonValue t && t.GetValueKind() == JsonValueKind.String
                ? ((JsonObject)part.DeepClone(), null)
                : (null, $"{where}.text must be a string.");
        }
        return fields.Any(f => part[f] is not null)
            ? ((JsonObject)part.DeepClone(), null)
            : (null, $"{where} of type {type} needs '{fields[0]}'.");
    }

    private static JsonObject TextPart(string text) => new() { ["type"] = "text", ["text"] = text };
}
