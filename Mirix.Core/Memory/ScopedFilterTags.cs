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
}
