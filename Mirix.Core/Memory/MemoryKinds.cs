using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Memory;

/// <summary>The five typed stores that REST can write directly (core blocks and raw memory have routes of their own).</summary>
public static class MemoryKinds
{
    public static readonly MemoryKind Episodic = new EpisodicKind();
    public static readonly MemoryKind Semantic = new SemanticKind();
    public static readonly MemoryKind Procedural = new ProceduralKind();
    public static readonly MemoryKind Resource = new ResourceKind();
    public static readonly MemoryKind KnowledgeVault = new KnowledgeVaultKind();

    public static readonly IReadOnlyDictionary<string, MemoryKind> ByName =
        new[] { Episodic, Semantic, Procedural, Resource, KnowledgeVault }.ToDictionary(k => k.Name, StringComparer.Ordinal);

    private sealed class EpisodicKind : MemoryKind<EpisodicEvent>
    {
        private static readonly HashSet<string> AllowedFields = FieldSet("event_type", "summary", "details", "actor", "occurred_at");
        public override string Name => "episodic";
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
            var sameSummary = await SameContent(SameOwner(db, candidate), procedure).Take(50).ToListAsync(ct);
            return sameSummary.FirstOrDefault(p => p.Steps.SequenceEqual(procedure.Steps));
        }
    }

    private sealed class ResourceKind : MemoryKind<ResourceItem>
    {
        private static readonly HashSet<string> AllowedFields = FieldSet("title", "summary", "resource_type", "content");
        public override string Name => "resource";
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
            Content = r.OptionalText("content", "")!,
        };

        protected override void ApplyPatch(ResourceItem x, ItemReader r, TimeZoneInfo zone)
        {
            x.Title = r.Has("title") ? r.RequiredText("title") : x.Title;
            x.Summary = r.Has("summary") ? r.RequiredText("summary") : x.Summary;
            x.ResourceType = r.OptionalLabel("resource_type", x.ResourceType)!;
            x.Content = r.OptionalText("content", x.Content)!;
        }

        protected override IEnumerable<string> Content(ResourceItem x) => [x.Title, x.Summary, x.Content];

        public override string? IdentityOf(MemoryItem item) => Normalize(((ResourceItem)item).Title);

        protected override IQueryable<ResourceItem> SameContent(IQueryable<ResourceItem> q, ResourceItem c) =>
            q.Where(x => x.Title == c.Title && x.Summary == c.Summary && x.Content == c.Content);
    }

    private sealed class KnowledgeVaultKind : MemoryKind<KnowledgeVaultItem>
    {
        private static readonly string[] Sensitivities = ["low", "medium", "high"];
        private static readonly HashSet<string> AllowedFields = FieldSet("entry_type", "source", "sensitivity", "secret_value", "caption");
        public override string Name => "knowledge_vault";
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
}
