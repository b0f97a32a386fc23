using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Agents.Llm;
using Mirix.Agents.Prompts;
using Mirix.Agents.Tools;
using Mirix.Core.Agents;
using Mirix.Core.Domain;
using Mirix.Core.Ingestion;
using Mirix.Core.Memory;
using Mirix.Core.Operations;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;

namespace Mirix.Agents.Runs;

/// <summary>
/// One consolidation run, queued like an add in the user's partition: the meta agent's <c>auto_dream_agent</c> child
/// (created on first use, as in MIRIX) reads the memories of the window and rewrites them through the replace and update
/// tools, so every replaced item stays in the history and its replacement keeps its scope and tags. The counts come
/// from what the tools did: a replacement by nothing is a removal, several items by fewer a merge, and an item rewritten
/// in place a resolved conflict. A checkpoint event marks the run; the next run's window starts there.
/// </summary>
public sealed class AutoDreamHandler(LlmGateway llm, AgentLoop loop, MemoryStager stager, MemorySearch search, TimeProvider time)
{
    public async Task<JsonObject> HandleAsync(IngestionEnvelope envelope, MirixDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(db);
        var dream = envelope.Dream ?? throw new PoisonMessageException("An auto_dream operation carries no dream request.");
        var components = AutoDream.Modes.TryGetValue(dream.Mode, out var known) ? known : throw new PoisonMessageException($"Unknown auto_dream mode {dream.Mode}.");
        var input = await IngestionInput.StageAsync(envelope, db, ct);
        var meta = await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.Id == envelope.AgentId && a.OrganizationId == envelope.OrganizationId, ct)
            ?? throw new PoisonMessageException($"Meta agent {envelope.AgentId} no longer exists.");
        var dreamer = await DreamerAsync(db, meta, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var writer = new MemoryStager.Writer(envelope.OrganizationId, envelope.UserId, envelope.ClientId, input.Scope, dreamer.Id, []);
        var zone = await stager.UserZoneAsync(envelope.OrganizationId, envelope.UserId, ct);
        using var run = new AgentRunContext(envelope, input, meta, writer, [input.Scope], zone, db, stager, search);

        var items = new Dictionary<string, IReadOnlyList<MemoryItem>>(StringComparer.Ordinal);
        foreach (var component in components.Where(c => c != "core"))
        {
            items[component] = await AutoDream.ItemsAsync(db, envelope.OrganizationId, envelope.UserId, input.Scope, component, dream.Start, dream.End, now, ct);
        }
        var blocks = components.Contains("core") ? await CoreBlocks.VisibleAsync(db, run, ct) : [];
        var totals = components.ToDictionary(c => c, c => c == "core" ? blocks.Count : items[c].Count, StringComparer.Ordinal);

        var model = llm.Resolve(dream.Model ?? RequestedModel.Of(meta.LlmConfig));
        AgentReport? report = null;
        if (totals.Values.Sum() > 0)
        {
            var system = DreamPrompts.System(dreamer.System, dream.Mode, now, zone);
            var assignment = new AgentLoop.Assignment(dreamer, system, DreamPrompts.Content(items, blocks), [], ToolCatalog.ForDream(components), Chaining: true);
            report = (await loop.RunAsync(assignment, model, run, ct)).Report;
            db.Steps.AddRange(report.Steps);
        }

        var processed = new JsonObject();
        foreach (var component in components)
        {
            var done = run.Replacements.Where(r => r.Type == component).ToList();
            processed[component] = new JsonObject
            {
                ["total"] = totals[component],
                ["removed"] = done.Where(r => r.Created == 0).Sum(r => r.Replaced),
                ["merged"] = done.Where(r => r.Created > 0 && r.Replaced > r.Created).Sum(r => r.Replaced),
                ["conflicts_resolved"] = done.Where(r => r.Created > 0 && r.Replaced <= r.Created).Sum(r => r.Replaced),
            };
        }
        var checkpoint = await CheckpointAsync(run, dream, processed, now, ct);
        return new JsonObject
        {
            ["mode"] = IngestionMode.AutoDream,
            ["mode_reason"] = envelope.ModeReason,
            ["dream_mode"] = dream.Mode,
            ["start_date"] = dream.Start,
            ["end_date"] = dream.End,
            ["processed"] = processed,
            ["last_dream_at"] = now,
            ["checkpoint_id"] = checkpoint,
            ["model"] = model.ModelId,
            ["llm_calls"] = report?.LlmCalls ?? 0,
            ["prompt_tokens"] = report?.PromptTokens ?? 0,
            ["completion_tokens"] = report?.CompletionTokens ?? 0,
            ["agents"] = report is null ? new JsonArray() : new JsonArray(report.ToJson()),
            ["failures"] = new JsonArray([.. (report?.Failures ?? []).Select(f => (JsonNode)f)]),
        };
    }

    /// <summary>The meta agent's consolidation child, staged with the operation when it does not exist yet.</summary>
    private static async Task<Agent> DreamerAsync(MirixDbContext db, Agent meta, CancellationToken ct)
    {
        var existing = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.ParentId == meta.Id && a.AgentType == AgentTypes.AutoDream, ct);
        if (existing is not null)
        {
            return existing;
        }
        var dreamer = new Agent
        {
            Id = IdGenerator.Uuid(Agent.IdPrefix),
            OrganizationId = meta.OrganizationId,
            AgentType = AgentTypes.AutoDream,
            Name = $"{meta.Name}_{AgentTypes.AutoDream}",
            ParentId = meta.Id,
            System = DefaultSystemPrompts.For(AgentTypes.AutoDream),
            LlmConfig = meta.LlmConfig,
            EmbeddingConfig = meta.EmbeddingConfig,
            CreatedById = meta.CreatedById,
            LastUpdatedById = meta.CreatedById,
        };
        db.Agents.Add(dreamer);
        return dreamer;
    }

    /// <summary>MIRIX's checkpoint event, in the writer's scope (MIRIX leaves it unscoped, so scoped readers never see it).</summary>
    private static async Task<string> CheckpointAsync(AgentRunContext run, DreamRequest dream, JsonObject processed, DateTime now, CancellationToken ct)
    {
        var counts = string.Join("; ", processed.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.Key}: {p.Value!["total"]} considered, {p.Value["merged"]} merged, {p.Value["removed"]} removed, {p.Value["conflicts_resolved"]} corrected")));
        var checkpoint = new EpisodicEvent
        {
            Id = IdGenerator.Memory(EpisodicEvent.IdPrefix),
            OrganizationId = run.Writer.OrganizationId,
            UserId = run.Writer.UserId,
            OccurredAt = now,
            EventType = AutoDream.CheckpointEventType,
            Actor = "system",
            Summary = string.Create(CultureInfo.InvariantCulture, $"Memory consolidation ({dream.Mode}) at {now:yyyy-MM-dd HH:mm:ss} UTC"),
            Details = $"Window {dream.Start:O} to {dream.End:O}. {counts}.",
        };
        run.Stamp(checkpoint);
        checkpoint.FilterTags = ScopedFilterTags.WithScope(new JsonObject { ["type"] = "system", ["source"] = "auto_dream" }, run.Writer.Scope);
        await run.WithDatabaseAsync((_, s, _) => s.StageAsync(MemoryKinds.Episodic, [checkpoint], ct), ct);
        return checkpoint.Id;
    }
}
