using System.Text.Json.Nodes;

namespace Mirix.Core.Memory;

/// <summary><c>filter_tags</c> JSON with the reserved <c>scope</c> key set by the server, never by the caller.</summary>
public static class ScopedFilterTags
{
    public static string WithScope(JsonObject? tags, string? scope)
    {
        var copy = tags is null ? new JsonObject() : (JsonObject)tags.DeepClone();
        copy.Remove("scope");
        if (scope is not null)
        {
            copy["scope"] = scope;
        }
        return copy.ToJsonString();
    }

    /// <summary>
    /// The tags of an item that replaces others: every tag the replaced items carried, then the writer's own on top, so a
    /// replacement (a consolidation above all) never drops a tag readers filter on.
    /// </summary>
    public static string Inherited(IEnumerable<string?> replacedTags, JsonObject? writerTags, string? scope)
    {
        ArgumentNullException.ThrowIfNull(replacedTags);
        var merged = new JsonObject();
        foreach (var json in replacedTags)
        {
            if (json is not null && JsonNode.Parse(json) is JsonObject tags)
            {
                foreach (var (key, value) in tags)
                {
                    merged[key] = value?.DeepClone();
                }
            }
        }
        foreach (var (key, value) in writerTags ?? [])
        {
            merged[key] = value?.DeepClone();
        }
        return WithScope(merged, scope);
    }
}
