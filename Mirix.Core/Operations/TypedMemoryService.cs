using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Operations;

/// <summary>
/// Writes typed memories through the REST surface with the same rules as every write: the caller's write scope is
/// stamped (and cannot be chosen), items are validated as the agents' insert tools validate them, exact duplicates of the
/// user's items in that scope are skipped, and edits or deletes touch only rows of the caller's write scope.
/// </summary>
public sealed class TypedMemoryService(MirixDbContext db, MemoryStager stager)
{
    public sealed record Inserted(IReadOnlyList<MemoryItem> Items, IReadOnlyList<string> SkippedDuplicateIds);

    public async Task<WriteOutcome<Inserted>> InsertAsync(
        Caller caller, MemoryKind kind, string userId, JsonArray items, JsonObject? filterTags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(items);
        if (!caller.CanWrite)
        {
            return WriteOutcome.Fail<Inserted>(WriteFailure.Forbidden, "A read-only client (no write_scope) cannot write memories.");
        }
        if (items.Count == 0)
        {
            return WriteOutcome.Fail<Inserted>(WriteFailure.Invalid, "items must not be empty.");
        }
        var zone = await stager.UserZoneAsync(caller.OrganizationId, userId, ct);
        var writer = new MemoryStager.Writer(caller.OrganizationId, userId, caller.ClientId, caller.WriteScope!);
        var created = new List<MemoryItem>();
        var errors = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject json)
            {
                errors.Add($"items[{i}] must be an object.");
                continue;
            }
            var reader = new ItemReader(json, $"items[{i}]");
            var item = kind.Create(reader, zone);
            var tags = reader.JsonObjectField("filter_tags");
            errors.AddRange(reader.Errors);
            if (item is null)
            {
                continue;
            }
            stager.Stamp(item, writer, MergeTags(filterTags, tags));
            created.Add(item);
        }
        if (errors.Count > 0)
        {
            return WriteOutcome.Fail<Inserted>(WriteFailure.Invalid, string.Join(" ", errors));
        }

        var staged = await stager.StageAsync(kind, created, ct);
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Done(new Inserted(staged.Inserted, staged.SkippedDuplicateIds));
    }

    public async Task<WriteOutcome<MemoryItem>> UpdateAsync(Caller caller, MemoryKind kind, string id, JsonObject patch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(patch);
        var (item, failure) = await FindWritableAsync(caller, kind, id, ct);
        if (item is null)
        {
            return WriteOutcome.Fail<MemoryItem>(failure!.Value.Failure, failure.Value.Error);
        }
        var zone = await stager.UserZoneAsync(item.OrganizationId, item.UserId, ct);
        var reader = new ItemReader(patch, "body");
        kind.Patch(item, reader, zone);
        var tags = reader.JsonObjectField("filter_tags");
        if (reader.Errors.Count > 0)
        {
            return WriteOutcome.Fail<MemoryItem>(WriteFailure.Invalid, string.Join(" ", reader.Errors));
        }
        if (tags is not null)
        {
            item.FilterTags = ScopedFilterTags.WithScope(tags, item.Scope);
        }
        await stager.StageEditAsync(item, caller.ClientId, "updated", ct);
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Done(item);
    }

    public async Task<WriteOutcome<string>> DeleteAsync(Caller caller, MemoryKind kind, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var (item, failure) = await FindWritableAsync(caller, kind, id, ct);
        if (item is null)
        {
            return WriteOutcome.Fail<string>(failure!.Value.Failure, failure.Value.Error);
        }
        await stager.StageRemoveAsync(kind, item, ct);
        await db.SaveChangesAsync(ct);
        return WriteOutcome.Done(item.Id);
    }

    /// <summary>
    /// A row the caller may change: in its organization, of its bound user if any, and in its write scope. Rows it can
    /// neither read nor write are reported as not found, so ids of other tenants reveal nothing.
    /// </summary>
    private async Task<(MemoryItem? Item, (WriteFailure Failure, string Error)? Failure)> FindWritableAsync(
        Caller caller, MemoryKind kind, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var item = await kind.FindAsync(db, caller.OrganizationId, id, ct);
        var visible = item is not null
            && (caller.BoundUserId is null || caller.BoundUserId == item.UserId)
            && item.Scope is not null
            && (caller.ReadScopes.Contains(item.Scope) || item.Scope == caller.WriteScope);
        if (!visible)
        {
            return (null, (WriteFailure.NotFound, $"Memory {id} not found."));
        }
        if (item!.Scope != caller.WriteScope)
        {
            return (null, (WriteFailure.Forbidden, "Memories can only be changed in the caller's write scope."));
        }
        return (item, null);
    }

    private static JsonObject? MergeTags(JsonObject? requestTags, JsonObject? itemTags)
    {
        if (requestTags is null)
        {
            return itemTags;
        }
        var merged = (JsonObject)requestTags.DeepClone();
        foreach (var (key, value) in itemTags ?? [])
        {
            merged[key] = value?.DeepClone();
        }
        return merged;
    }
}
