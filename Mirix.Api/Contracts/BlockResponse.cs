using System.Text.Json;
using Mirix.Core.Domain;

namespace Mirix.Api.Contracts;

/// <summary>MIRIX's <c>Block</c>; only its own fields, since the SDK parses it into its schema.</summary>
public sealed record BlockResponse(
    string Id, string Label, string Value, int Limit, string UserId, string OrganizationId, JsonElement? FilterTags,
    string? CreatedById, string? LastUpdatedById)
{
    public static BlockResponse From(Block b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new(b.Id, b.Label, b.Value, b.Limit, b.UserId, b.OrganizationId, JsonText.ParseOrNull(b.FilterTags), b.CreatedById, b.LastUpdatedById);
    }
}

internal static class JsonText
{
    public static JsonElement? ParseOrNull(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
