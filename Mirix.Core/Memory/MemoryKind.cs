using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Memory;

/// <summary>
/// Everything about one type of memory, in one place: its name and table, its searchable fields (in MIRIX's full-text
/// weight order, which of them are embedded, which carry the date), the default field of each search method, the text of
/// a field, when a memory happened, how an item is read from JSON (the fields of the agents' insert tools), how a PATCH
/// applies, and what makes two items the same. Search, full-text indexes, embeddings and the routes derive from it.
/// </summary>
public abstract class MemoryKind
{
    protected static readonly string[] CommonFields = ["filter_tags", "expires_at", "source_message_ids"];

    public abstract string Name { get; }
    public abstract Type ItemType { get; }
    public abstract string TableName { get; }
    /// <summary>The searchable fields, in MIRIX's full-text weight order (A, B, C, D).</summary>
    public abstract IReadOnlyList<MemoryField> SearchFields { get; }
    /// <summary>The column whose date is indexed in words with the dated fields, for timed memories.</summary>
    public virtual string? DateColumn => null;

    public IEnumerable<string> Searchable => SearchFields.Select(f => f.Name);

    public IEnumerable<string> Embedded => SearchFields.Where(f => f.Embedded).Select(f => f.Name);

    /// <summary>MIRIX's field when none is named (reference §3.2); searching every type uses the fuller fields.</summary>
    public abstract string DefaultField(string method, bool all);

    /// <summary>The text of <paramref name="field"/> of <paramref name="item"/>, as search and embeddings read it.</summary>
    public abstract string Text(MemoryItem item, string field);

    /// <summary>When a timed memory (raw or episodic) happened; null for the others.</summary>
    public virtual DateTime? OccurredAt(MemoryItem item) => null;
    /// <summary>The row with this id in the organization (any user, any scope), tracked for update or delete; rows staged in this unit of work included.</summary>
    public abstract Task<MemoryItem?> FindAsync(MirixDbContext db, string organizationId, string id, CancellationToken ct);
    public abstract MemoryItem? Create(ItemReader reader, TimeZoneInfo userZone);
    public abstract void Patch(MemoryItem item, ItemReader reader, TimeZoneInfo userZone);
    /// <summary>An item of the same user and scope with the same content, if any.</summary>
    public abstract Task<MemoryItem?> FindDuplicateAsync(MirixDbContext db, MemoryItem candidate, CancellationToken ct);
    /// <summary>Every row of the kind's table, for queries the kind does not name.</summary>
    public abstract IQueryable<MemoryItem> Rows(MirixDbContext db);
    public abstract void Add(MirixDbContext db, MemoryItem item);
    public abstract void Remove(MirixDbContext db, MemoryItem item);
    public abstract IReadOnlySet<string> Fields { get; }
    /// <summary>The content that makes two items duplicates (MIRIX's exact-match rule), as one comparable string.</summary>
    public abstract string ContentKey(MemoryItem item);

    /// <summary>
    /// <see cref="ContentKey"/> without the differences that do not change meaning: case, runs of white space, and
    /// punctuation at the ends of each field.
    /// </summary>
    public string NormalizedKey(MemoryItem item) => string.Join('\u001f', ContentKey(item).Split('\u001f').Select(Normalize));

    /// <summary>What names the item (a semantic item's name, a resource's title, a procedure's summary, a vault entry's value), if anything.</summary>
    public virtual string? IdentityOf(MemoryItem item) => null;

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words).Trim('.', ',', ';', ':', '!', '?', '"', '\'', ' ');
    }
}

/// <summary>A <see cref="MemoryKind"/> over the table of <typeparamref name="T"/>.</summary>
public abstract class MemoryKind<T> : MemoryKind where T : MemoryItem
{
    public override Type ItemType => typeof(T);

    protected abstract DbSet<T> Table(MirixDbContext db);

    /// <summary>When a timed memory happened, as a query can select it (<see cref="MemoryKind.OccurredAt"/>); null for the others.</summary>
    public virtual Expression<Func<T, DateTime?>> OccurredAtColumn => _ => null;

    protected abstract T Read(ItemReader reader, TimeZoneInfo userZone);

    protected abstract void ApplyPatch(T item, ItemReader reader, TimeZoneInfo userZone);

    protected abstract IQueryable<T> SameContent(IQueryable<T> query, T candidate);

    protected abstract IEnumerable<string> Content(T item);

    public override string ContentKey(MemoryItem item) => string.Join('\u001f', Content((T)item));

    public override string Text(MemoryItem item, string field) =>
        FieldText((T)item, field) ?? throw new ArgumentOutOfRangeException(nameof(field), field, $"Not a searchable field of {Name}.");

    /// <summary>The text of a searchable field, null for any other name.</summary>
    protected abstract string? FieldText(T item, string field);

    public override async Task<MemoryItem?> FindAsync(MirixDbContext db, string organizationId, string id, CancellationToken ct) =>
        Table(db).Local.FirstOrDefault(m => m.Id == id && m.OrganizationId == organizationId)
        ?? await Table(db).SingleOrDefaultAsync(m => m.Id == id && m.OrganizationId == organizationId, ct);

    public override MemoryItem? Create(ItemReader reader, TimeZoneInfo userZone)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.RejectUnknown(Fields);
        var item = Read(reader, userZone);
        item.ExpiresAt = reader.Timestamp("expires_at", userZone);
        item.SourceMessageIds = reader.TextList("source_message_ids", required: false) ?? [];
        return reader.Errors.Count == 0 ? item : null;
    }

    public override void Patch(MemoryItem item, ItemReader reader, TimeZoneInfo userZone)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.RejectUnknown(Fields);
        ApplyPatch((T)item, reader, userZone);
        if (reader.Has("expires_at"))
        {
            item.ExpiresAt = reader.Timestamp("expires_at", userZone);
        }
    }

    public override async Task<MemoryItem?> FindDuplicateAsync(MirixDbContext db, MemoryItem candidate, CancellationToken ct) =>
        await SameContent(SameOwner(db, candidate), (T)candidate).FirstOrDefaultAsync(ct);

    protected IQueryable<T> SameOwner(MirixDbContext db, MemoryItem candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        // A superseded row is history: content that returns after it was replaced is new again.
        return Table(db).Where(m => m.OrganizationId == candidate.OrganizationId && m.UserId == candidate.UserId && m.Scope == candidate.Scope
            && m.SupersededAt == null);
    }

    public override IQueryable<MemoryItem> Rows(MirixDbContext db) => Table(db);

    public override void Add(MirixDbContext db, MemoryItem item) => Table(db).Add((T)item);

    public override void Remove(MirixDbContext db, MemoryItem item) => Table(db).Remove((T)item);

    protected static HashSet<string> FieldSet(params string[] fields) => [.. fields, .. CommonFields];
}
