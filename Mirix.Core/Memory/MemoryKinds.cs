using System.Collections.Frozen;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Memory;

/// <summary>
/// The registry of memory types: the five typed stores that REST and the agents' tools write (<see cref="ByName"/>), and
/// raw memory, which has routes of its own (<see cref="All"/> has all six). Core blocks are not memories of this kind.
/// </summary>
public static class MemoryKinds
{
    public static readonly MemoryKind Episodic = new EpisodicKind();
    public static readonly MemoryKind Semantic = new SemanticKind();
    public static readonly MemoryKind Procedural = new ProceduralKind();
    public static readonly MemoryKind Resource = new ResourceKind();
    public static readonly MemoryKind KnowledgeVault = new KnowledgeVaultKind();
    public static readonly MemoryKind Raw = new RawKind();

    /// <summary>The typed stores, which REST and the agents write item by item.</summary>
    public static readonly IReadOnlyDictionary<string, MemoryKind> ByName =
        new[] { Episodic, Semantic, Procedural, Resource, KnowledgeVault }.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>Every memory type, raw memory included.</summary>
    public static readonly IReadOnlyDictionary<string, MemoryKind> All =
        new[] { Episodic, Semantic, Procedural, Resource, KnowledgeVault, Raw }.ToDictionary(k => k.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, MemoryKind> ByItemType = All.Values.ToFrozenDictionary(k => k.ItemType);

    /// <summary>The kind whose table holds <typeparamref name="T"/>.</summary>
    public static MemoryKind<T> For<T>() where T : MemoryItem => (MemoryKind<T>)ByItemType[typeof(T)];

    /// <summary>The kind of a stored memory.</summary>
    public static MemoryKind Of(MemoryItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return ByItemType.TryGetValue(item.GetType(), out var kind)
            ? kind
            : throw new ArgumentOutOfRangeException(nameof(item), item.GetType().Name, "Not a memory.");
    }

    private sealed class EpisodicKind : MemoryKind<EpisodicEvent>
    {
        private static readonly HashSet<string> AllowedFields = FieldSet("event_type", "summary", "details", "actor", "occurred_at");
        public override string Name => "episodic";
        public override string TableName => "episodic_memory";
        public override IReadOnlyList<MemoryField> SearchFields { get; } =
            [new("summary", Embedded: true, Dated: true), new("details", Embedded: true, Dated: true), new("actor"), new("event_type")];
        public override string? DateColumn => "occurred_at";
        public override string DefaultField(string method, bool all) => all ? "details" : "summary";
        public override DateTime? OccurredAt(MemoryItem item) => ((EpisodicEvent)item).OccurredAt;
        public override Expression<Func<EpisodicEvent, DateTime?>> OccurredAtColumn => e => e.OccurredAt;

        protected override string? FieldText(EpisodicEvent e, string field) => field switch
        {
            "summary" => e.Summary,
            "details" => e.Details,
            "actor" => e.Actor,
            "event_type" => e.EventType,
            _ => null,
        };
        public override IReadOnlySet<string> Fields => AllowedFields;
        protected override DbSet<EpisodicEvent> Table(MirixDbContext db) => db.EpisodicEvents;

        protected override EpisodicEvent Read(ItemReader r, TimeZoneInfo zone) => new()
        {
            Id = IdGenerator.Memory(EpisodicEvent.IdPrefix),
            OrganizationId = "",
            UserId = "",
            EventType = r.OptionalLabel("event_type", "user_message")!,
            Summary = r.RequiredText("summary"),
            Details = r.RequiredText("details"),
            Actor = r.OptionalLabel("actor", "user")!,
            OccurredAt = r.Timestamp("occurred_at", zone) ?? default,
        };

        protected override void ApplyPatch(EpisodicEvent e, ItemReader r, TimeZoneInfo zone)
        {
            e.EventType = r.OptionalLabel("event_type", e.EventType)!;
            e.Summary = r.Has("summary") ? r.RequiredText("summary") : e.Summary;
            e.Details = r.Has("details") ? r.RequiredText("details") : e.Details;
            e.Actor = r.OptionalLabel("actor", e.Actor)!;
            e.OccurredAt = r.Timestamp("occurred_at", zone) ?? e.OccurredAt;
        }

        protected override IEnumerable<string> Content(EpisodicEvent e) => [e.Summary, e.Details, e.OccurredAt.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)];

        protected override IQueryable<EpisodicEvent> SameContent(IQueryable<EpisodicEvent> q, EpisodicEvent c) =>
            q.Where(e => e.Summary == c.Summary && e.Details == c.Details && e.OccurredAt == c.OccurredAt);
    }

    private sealed class SemanticKind : MemoryKind<SemanticItem>
    {
        private static readonly HashSet<string> AllowedFields = FieldSet("name", "summary", "details", "source");
        public override string Name => "semantic";
        public override string TableName => "semantic_memory";
        public override IReadOnlyList<MemoryField> SearchFields { get; } =
            [new("name", Embedded: true), new("summary", Embedded: true), new("details", Embedded: true), new("source")];
        public override string DefaultField(string method, bool all) => all ? "details" : "summary";

        protected override string? FieldText(SemanticItem s, string field) => field switch
        {
            "name" => s.Name,
            "summary" => s.Summary,
            "details" => s.Details,
            "source" => s.Source,
            _ => null,
        };
        public override IReadOnlySet<string> Fields => AllowedFields;
        protected override DbSet<SemanticItem> Table(MirixDbContext db) => db.SemanticItems;

        protected override SemanticItem Read(ItemReader r, TimeZoneInfo zone) => new()
        {
            Id = IdGenerator.Memory(SemanticItem.IdPrefix),
            OrganizationId = "",
            UserId = "",
            Name = r.RequiredText("name"),
            Summary = r.RequiredText("summary"),
            Details = r.OptionalText("details", "")!,
            Source = r.OptionalText("source", "")!,
        };

        protected override void ApplyPatch(SemanticItem s, ItemReader r, TimeZoneInfo zone)
        {
            s.Name = r.Has("name") ? r.RequiredText("name") : s.Name;
            s.Summary = r.Has("summary") ? r.RequiredText("summary") : s.Summary;
            s.Details = r.OptionalText("details", s.Details)!;
            s.Source = r.OptionalText("source", s.Source)!;
        }

        protected override IEnumerable<string> Content(SemanticItem s) => [s.Name, s.Summary, s.Details];

        public override string? IdentityOf(MemoryItem item) => Normalize(((SemanticItem)item).Name);

        protected override IQueryable<SemanticItem> SameContent(IQueryable<SemanticItem> q, SemanticItem c) =>
            q.Where(s => s.Name == c.Name && s.Summary == c.Summary && s.Details == c.Details);
    }

    private sealed class ProceduralKind : MemoryKind<ProceduralItem>
    {
        private static readonly HashSet<string> AllowedFields = FieldSet("entry_type", "summary", "steps");
        public override string Name => "procedural";
        public override string TableName => "procedural_memory";
        // Steps are a text[] on PostgreSQL and a JSON array on SQLite; both tokenizers skip the brackets and quotes.
        public override IReadOnlyList<MemoryField> SearchFields { get; } =
            [new("summary", Embedded: true), new("steps", Embedded: true, PostgresText: "array_to_string({row}.steps, ' ')"), new("entry_type")];
        public override string DefaultField(string method, bool all) => all ? "steps" : "summary";

        protected override string? FieldText(ProceduralItem p, string field) => field switch
        {
            "summary" => p.Summary,
            "steps" => string.Join("\n", p.Steps),
            "entry_type" => p.EntryType,
            _ => null,
        };
        public override IReadOnlySet<string> Fields => AllowedFields;
        protected override DbSet<ProceduralItem> Table(MirixDbContext db) => db.ProceduralItems;

        protected override ProceduralItem Read(ItemReader r, TimeZoneInfo zone) => new()
        {
            Id = IdGenerator.Memory(ProceduralItem.IdPrefix),
            OrganizationId = "",
            UserId = "",
            EntryType = r.OptionalLabel("entry_type", "workflow")!,
            Summary = r.RequiredText("summary"),
            Steps = r.TextList("steps", required: true) ?? [],
        };

        protected override void ApplyPatch(ProceduralItem p, ItemReader r, TimeZoneInfo zone)
        {
            p.EntryType = r.OptionalLabel("entry_type", p.EntryType)!;
            p.Summary = r.Has("summary") ? r.RequiredText("summary") : p.Summary;
            p.Steps = r.Has("steps") ? r.TextList("steps", required: true) ?? p.Steps : p.Steps;
        }

        // Steps are compared after loading: a list column is JSON on SQLite and an array on PostgreSQL.
        protected override IEnumerable<string> Content(ProceduralItem p) => [p.Summary, .. p.Steps];

        public override string? IdentityOf(MemoryItem item) => Normalize(((ProceduralItem)item).Summary);

        protected override IQueryable<ProceduralItem> SameContent(IQueryable<ProceduralItem> q, ProceduralItem c) =>
            q.Where(p => p.Summary == c.Summary && p.EntryType == c.EntryType);

        public override async Task<MemoryItem?> FindDuplicateAsync(MirixDbContext db, MemoryItem candidate, CancellationToken ct)
        {
            var procedure = (ProceduralItem)candidate;
            // The oldest first: the same 50 every time, and the original rather than a later copy is the one matched.
            var sameSummary = await SameContent(SameOwner(db, candidate), procedure).OrderBy(p => p.CreatedAt).Take(50).ToListAsync(ct);
            return sameSummary.FirstOrDefault(p => p.Steps.SequenceEqual(procedure.Steps));
        }
    }

    private sealed class ResourceKind : MemoryKind<ResourceItem>
    {
        private static readonly HashSet<string> AllowedFields = FieldSet("title", "summary", "resource_type", "content");
        public override string Name => "resource";
        public override string TableName => "resource_memory";
        public override IReadOnlyList<MemoryField> SearchFields { get; } =
            [new("title"), new("summary", Embedded: true), new("content"), new("resource_type")];
        public override string DefaultField(string method, bool all) => method is "embedding" or "hybrid" ? "summary" : "content";

        protected override string? FieldText(ResourceItem r, string field) => field switch
        {
            "title" => r.Title,
            "summary" => r.Summary,
            "content" => r.Content,
            "resource_type" => r.ResourceType,
            _ => null,
        };
        public override IReadOnlySet<string> Fields => AllowedFields;
        protected override DbSet<ResourceItem> Table(MirixDbContext db) => db.ResourceItems;

        protected override ResourceItem Read(ItemReader r, TimeZoneInfo zone) => new()
        {
            Id = IdGenerator.Memory(ResourceItem.IdPrefix),
            OrganizationId = "",
            UserId = "",
            Title = r.RequiredText("title"),
            Summary = r.RequiredText("summary"),
            ResourceType = r.OptionalLabel("resource_type", "doc")!,
            Content = r.OptionalText("content", "", ItemReader.DocumentLength)!,
        };

        protected override void ApplyPatch(ResourceItem x, ItemReader r, TimeZoneInfo zone)
        {
            x.Title = r.Has("title") ? r.RequiredText("title") : x.Title;
            x.Summary = r.Has("summary") ? r.RequiredText("summary") : x.Summary;
            x.ResourceType = r.OptionalLabel("resource_type", x.ResourceType)!;
            x.Content = r.OptionalText("content", x.Content, ItemReader.DocumentLength)!;
        }

        protected override IEnumerable<string> Content(ResourceItem x) => [x.Title, x.Summary, x.Content];

        public override string? IdentityOf(MemoryItem item) => Normalize(((ResourceItem)item).Title);

        protected override IQueryable<ResourceItem> SameContent(IQueryable<ResourceItem> q, ResourceItem c) =>
            q.Where(x => x.Title == c.Title && x.Summary == c.Summary && x.Content == c.Content);
    }

    private sealed class KnowledgeVaultKind : MemoryKind<KnowledgeVaultItem>
    {
        private static readonly string[] Sensitivities = ["low", "medium", KnowledgeVaultItem.HighSensitivity];
        private static readonly HashSet<string> AllowedFields = FieldSet("entry_type", "source", "sensitivity", "secret_value", "caption");
        public override string Name => "knowledge_vault";
        public override string TableName => "knowledge_vault";
        public override IReadOnlyList<MemoryField> SearchFields { get; } = [new("caption", Embedded: true), new("secret_value")];
        public override string DefaultField(string method, bool all) => "caption";

        protected override string? FieldText(KnowledgeVaultItem k, string field) => field switch
        {
            "caption" => k.Caption,
            "secret_value" => k.SecretValue,
            _ => null,
        };
        public override IReadOnlySet<string> Fields => AllowedFields;
        protected override DbSet<KnowledgeVaultItem> Table(MirixDbContext db) => db.KnowledgeVaultItems;

        protected override KnowledgeVaultItem Read(ItemReader r, TimeZoneInfo zone) => new()
        {
            Id = IdGenerator.Memory(KnowledgeVaultItem.IdPrefix),
            OrganizationId = "",
            UserId = "",
            EntryType = r.RequiredText("entry_type", ItemReader.LabelLength),
            Source = r.OptionalText("source", "")!,
            Sensitivity = r.OneOf("sensitivity", "low", Sensitivities),
            SecretValue = r.RequiredText("secret_value"),
            Caption = r.RequiredText("caption"),
        };

        protected override void ApplyPatch(KnowledgeVaultItem k, ItemReader r, TimeZoneInfo zone)
        {
            k.EntryType = r.Has("entry_type") ? r.RequiredText("entry_type", ItemReader.LabelLength) : k.EntryType;
            k.Source = r.OptionalText("source", k.Source)!;
            k.Sensitivity = r.Has("sensitivity") ? r.OneOf("sensitivity", k.Sensitivity, Sensitivities) : k.Sensitivity;
            k.SecretValue = r.Has("secret_value") ? r.RequiredText("secret_value") : k.SecretValue;
            k.Caption = r.Has("caption") ? r.RequiredText("caption") : k.Caption;
        }

        protected override IEnumerable<string> Content(KnowledgeVaultItem k) => [k.Caption, k.Source, k.SecretValue];

        public override string? IdentityOf(MemoryItem item) => Normalize(((KnowledgeVaultItem)item).SecretValue);

        protected override IQueryable<KnowledgeVaultItem> SameContent(IQueryable<KnowledgeVaultItem> q, KnowledgeVaultItem c) =>
            q.Where(k => k.Caption == c.Caption && k.Source == c.Source && k.SecretValue == c.SecretValue);
    }

    /// <summary>Raw memory: searchable and listed like the others, written only by ingestion and its own routes.</summary>
    private sealed class RawKind : MemoryKind<RawMemory>
    {
        private static readonly HashSet<string> AllowedFields = FieldSet("context", "occurred_at");
        public override string Name => "raw";
        public override IReadOnlySet<string> Fields => AllowedFields;
        public override string TableName => "raw_memory";
        public override IReadOnlyList<MemoryField> SearchFields { get; } = [new("context", Embedded: true, Dated: true)];
        public override string? DateColumn => "occurred_at";
        public override string DefaultField(string method, bool all) => "context";
        public override DateTime? OccurredAt(MemoryItem item) => ((RawMemory)item).OccurredAt;
        public override Expression<Func<RawMemory, DateTime?>> OccurredAtColumn => r => r.OccurredAt;
        protected override DbSet<RawMemory> Table(MirixDbContext db) => db.RawMemories;

        protected override string? FieldText(RawMemory r, string field) => field == "context" ? r.Context : null;

        protected override RawMemory Read(ItemReader reader, TimeZoneInfo userZone) =>
            throw new NotSupportedException("Raw memories are written by /memory/add and the raw-memory routes.");

        protected override void ApplyPatch(RawMemory item, ItemReader reader, TimeZoneInfo userZone) =>
            throw new NotSupportedException("Raw memories are changed by the raw-memory routes.");

        protected override IEnumerable<string> Content(RawMemory r) => [r.Context];

        protected override IQueryable<RawMemory> SameContent(IQueryable<RawMemory> q, RawMemory c) => q.Where(r => r.Context == c.Context);
    }
}
