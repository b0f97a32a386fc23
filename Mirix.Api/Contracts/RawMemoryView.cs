using System.Text.Json;
using System.Text.Json.Serialization;
using Mirix.Core.Domain;

namespace Mirix.Api.Contracts;

public sealed record LastModify(DateTime Timestamp, string Operation);

/// <summary>MIRIX's <c>RawMemoryItem</c>, plus provenance, expiry and, in a relevance search, the score.</summary>
public sealed record RawMemoryView(
    string Id, string Context, JsonElement? FilterTags, string UserId, string OrganizationId, DateTime? OccurredAt,
    LastModify LastModify, IReadOnlyList<string> SourceMessageIds, DateTime? ExpiresAt, DateTime CreatedAt, DateTime UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Score = null)
{
    public static RawMemoryView From(RawMemory r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Context, JsonText.ParseOrNull(r.FilterTags), r.UserId, r.OrganizationId, r.OccurredAt,
            new LastModify(r.LastModifiedAt, r.LastModifyOperation), r.SourceMessageIds, r.ExpiresAt, r.CreatedAt, r.UpdatedAt);
    }
}
