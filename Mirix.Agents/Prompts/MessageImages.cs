using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Mirix.Core.Ingestion;

namespace Mirix.Agents.Prompts;

/// <summary>
/// The images of added messages as content a vision model reads: <c>image_url</c> parts (an http(s) or data URL) and
/// <c>image_data</c> parts (a data URL, or base64 data with its media type). Files and stored ids stay named in the text.
/// </summary>
public static class MessageImages
{
    public static List<AIContent> From(IEnumerable<IngestedMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var images = new List<AIContent>();
        foreach (var part in messages.SelectMany(m => m.Content).OfType<JsonObject>())
        {
            var payload = (string?)part["type"] switch
            {
                "image_url" => part["image_url"],
                "image_data" => part["image_data"],
                _ => null,
            };
            var url = payload switch
            {
                JsonObject o when (string?)o["url"] is { } u => u,
                JsonObject o when (string?)o["data"] is { } data => $"data:{(string?)o["media_type"] ?? (string?)o["detail"] ?? "image/png"};base64,{data}",
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                _ => null,
            };
            if (url is null)
            {
                continue;
            }
            if (url.StartsWith("data:", StringComparison.Ordinal))
            {
                images.Add(new DataContent(url));
            }
            else if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                images.Add(new UriContent(uri, "image/*"));
            }
        }
        return images;
    }
}
