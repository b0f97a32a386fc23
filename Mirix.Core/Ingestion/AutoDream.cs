using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Storage;

namespace Mirix.Core.Ingestion;

/// <summary>What a consolidation run is asked to do: MIRIX's mode, the window of memories it considers, and the model.</summary>
public sealed record DreamRequest(string Mode, DateTime Start, DateTime End, string? Model);

/// <summary>
/// The facts of auto-dream both sides need: the modes and the memory components each covers, the checkpoint event that
/// marks a run, and the memories a run considers — the user's current ones in the writing client's scope, created within
/// the window (MIRIX ignores the window and the scope), up to <see cref="MaxItemsPerComponent"/> per component, newest
/// first. High-sensitivity vault entries are never shown to a model, so they are never consolidated either.
/// </summary>
public static class AutoDream
{
    public const string CheckpointEventType = "auto_dream_checkpoint";
    public const string DefaultMode = "experience";
    public const int MaxItemsPerComponent = 200;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    /// <summary>Each mode's components: MIRIX's memory type names, "core" for the core blocks.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Modes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["core"] = ["core"],
        ["episodic"] = ["episodic"],
        ["semantic"] = ["semantic"],
        ["resource"] = ["resource"],
        ["procedural"] = ["procedural"],
        ["knowledge"] = ["knowledge_vault"],
        ["experience"] = ["episodic", "semantic", "knowledge_vault"],
    };

    /// <summary>When the user's last consolidation in this scope ran, if one did.</summary>
    public static Task<DateTime?> LastCheckpointAsync(MirixDbContext db, string organizationId, string userId, string scope, CancellationToken ct) =>
        db.EpisodicEvents.Where(e => e.OrganizationId == organizationId && e.UserId == userId && e.Scope == scope && e.EventType == CheckpointEventType)
            .OrderByDescending(e => e.OccurredAt).Select(e => (DateTime?)e.OccurredAt).FirstOrDefaultAsync(ct);

    public static Task<int> CountAsync(MirixDbContext db, string organizationId, string userId, string scope, string component, DateTime start, DateTime end, DateTime now, CancellationToken ct) =>
        component == "core"
            ? db.Blocks.CountAsync(b => b.OrganizationId == organizationId && b.UserId == userId && b.Scope == scope, ct)
            : Window(db, organizationId, userId, scope, component, start, end, now).CountAsync(ct);

    public static Task<List<MemoryItem>> ItemsAsync(MirixDbContext db, string organizationId, string userId, string scope, string component, DateTime start, DateTime end, DateTime now, CancellationToken ct) =>
        Window(db, organizationId, userId, scope, component, start, end, now).OrderByDescending(m => m.CreatedAt).Take(MaxItemsPerComponent).ToListAsync(ct);

    private static IQueryable<MemoryItem> Window(MirixDbContext db, string organizationId, string userId, string scope, string component, DateTime start, DateTime end, DateTime now)
    {
        IQueryable<MemoryItem> rows = component switch
        {
            "episodic" => db.EpisodicEvents.Where(e => e.EventType != CheckpointEventType),
            "knowledge_vault" => db.KnowledgeVaultItems.Where(k => k.Sensitivity != KnowledgeVaultItem.HighSensitivity),
            _ => MemoryKinds.ByName[component].Rows(db),
        };
        return rows.Visible(organizationId, userId, [scope], now).Where(m => m.CreatedAt >= start && m.CreatedAt <= end);
    }
}
