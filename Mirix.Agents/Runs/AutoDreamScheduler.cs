using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mirix.Core.Agents;
using Mirix.Core.Domain;
using Mirix.Core.Ingestion;
using Mirix.Core.Memory;
using Mirix.Core.Storage;

namespace Mirix.Agents.Runs;

/// <summary><c>Mirix:AutoDream</c>: consolidation in the background, off unless <see cref="Interval"/> is set.</summary>
public sealed class AutoDreamOptions
{
    public const string Section = "Mirix:AutoDream";

    /// <summary>How often to look for users with new memories and queue a consolidation for them; null: never.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>What the periodic runs consolidate (one of <see cref="AutoDream.Modes"/>).</summary>
    public string Mode { get; set; } = AutoDream.DefaultMode;
}

/// <summary>
/// Every <see cref="AutoDreamOptions.Interval"/> (on <see cref="TimeProvider"/>), queues a consolidation for each user and
/// scope that gained memories since the last tick, as the client that owns the scope (the one whose meta agent writes
/// there); a pair that already has a consolidation waiting or running is left alone. The runs themselves are ordinary
/// operations: retried, dead-lettered, and visible at <c>/memory/operations</c>.
/// </summary>
public sealed partial class AutoDreamScheduler(
    IServiceScopeFactory scopes, AutoDreamOptions options, TimeProvider time, ILogger<AutoDreamScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Interval is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var queued = await QueueDueAsync(time.GetUtcNow().UtcDateTime - interval, stoppingToken);
                if (queued > 0)
                {
                    LogQueued(logger, queued);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    /// <summary>
    /// Queues the consolidations due for memories created since <paramref name="since"/> (in one organization, or all);
    /// returns how many.
    /// </summary>
    public async Task<int> QueueDueAsync(DateTime since, CancellationToken ct, string? organizationId = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        var gateway = scope.ServiceProvider.GetRequiredService<IngestionGateway>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = new HashSet<(string Organization, string User, string Scope)>();
        foreach (var component in AutoDream.Modes[options.Mode].Where(c => c != "core"))
        {
            var rows = component == "episodic"
                ? db.EpisodicEvents.Where(e => e.EventType != AutoDream.CheckpointEventType).Cast<MemoryItem>()
                : MemoryKinds.ByName[component].Rows(db);
            var fresh = await rows.Where(m => m.CreatedAt >= since && m.SupersededAt == null && m.Scope != null && (organizationId == null || m.OrganizationId == organizationId))
                .Select(m => new { m.OrganizationId, m.UserId, m.Scope }).Distinct().ToListAsync(ct);
            due.UnionWith(fresh.Select(f => (f.OrganizationId, f.UserId, f.Scope!)));
        }
        var queued = 0;
        foreach (var (organization, user, memoryScope) in due)
        {
            var owner = await db.Clients.AsNoTracking()
                .Where(c => c.OrganizationId == organization && c.WriteScope == memoryScope && c.Status == "active")
                .Join(db.Agents.Where(a => a.AgentType == AgentTypes.Meta), c => c.Id, a => a.CreatedById, (c, a) => new { ClientId = c.Id, MetaId = a.Id })
                .OrderBy(o => o.ClientId).FirstOrDefaultAsync(ct);
            if (owner is null || await db.IngestionOperations.AnyAsync(o => o.OrganizationId == organization && o.UserId == user && o.ClientId == owner.ClientId
                    && o.Mode == IngestionMode.AutoDream && (o.Status == OperationStatus.Queued || o.Status == OperationStatus.Running || o.Status == OperationStatus.Failed), ct))
            {
                continue;
            }
            var last = await AutoDream.LastCheckpointAsync(db, organization, user, memoryScope, ct);
            var request = new DreamRequest(options.Mode, last ?? now - AutoDream.DefaultWindow, now, null);
            await gateway.QueueAsync(AutoDreamAcceptance.Envelope(organization, owner.ClientId, owner.MetaId, user, memoryScope, request, now), ct);
            queued++;
        }
        return queued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} periodic memory consolidation(s)")]
    private static partial void LogQueued(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The periodic memory consolidation pass failed; the next tick tries again")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
