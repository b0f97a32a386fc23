namespace Mirix.Contracts;

/// <summary>MIRIX's <c>Block</c>; only its own fields, since the SDK parses it into its schema.</summary>
public sealed record BlockResponse(
    string Id, string Label, string Value, int Limit, string UserId, string OrganizationId, JsonElement? FilterTags,
    string? CreatedById, string? LastUpdatedById);

/// <summary>The SDK also sends organization_id, created_by_id and last_updated_by_id; the server decides those.</summary>
public sealed record UpsertBlockRequest(
    string? Id, string? Label, string? Value, int? Limit = null, string? UserId = null, JsonObject? FilterTags = null,
    string? OrganizationId = null, string? CreatedById = null, string? LastUpdatedById = null);
