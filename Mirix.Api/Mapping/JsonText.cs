namespace Mirix.Api.Mapping;

/// <summary>JSON stored as text (filter tags, agent configs) as the element a contract carries.</summary>
internal static class JsonText
{
    public static JsonElement? ParseOrNull(string? json) => json is null ? null : Parse(json);

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
