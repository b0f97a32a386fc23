using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Agents.Llm;
using Mirix.Agents.Prompts;
using Mirix.Agents.Tools;
using Mirix.Core.Agents;
using Mirix.Core.Ingestion;
using Mirix.Core.Memory;
using Mirix.Core.Operations;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;

namespace Mirix.Agents.Runs;

/// <summary>
/// Agent mode: the meta memory agent reads the content and routes it (with its topics) in one call; the memory agents
/// of the routed types then run concurrently, each usually in one call, so an add routed to k types costs k+1 LLM calls
/// (MIRIX: k+3). Every write is staged in the operation's unit of work and commits with its success, so a retried or
/// redelivered operation never writes twice and a crash between two agents leaves nothing half-written. Raw mode, or
/// no LLM configured on this worker, hands the envelope to <see cref="RawModeHandler"/> and says why.
/// </summary>
public sealed class AgentIngestionHandler(
    RawModeHandler raw, AutoDreamHandler dreams, LlmGateway llm, AgentLoop loop, MemoryStager stager, MemorySearch search, TimeProvider time) : IIngestionHandler
{
    public async Task<JsonObject> HandleAsync(IngestionEnvelope envelope, MirixDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(db);
        if (envelope.Mode == IngestionMode.Raw)
        {
            return await raw.HandleAsync(envelope, db, ct);
        }
        if (envelope.Mode == IngestionMode.AutoDream)
        {
            return llm.IsConfigured ? await dreams.HandleAsync(envelope, db, ct)
                : throw new PoisonMessageException("Consolidation needs an LLM, and " + IngestionMode.NoLlmReason + " on the worker.");
        }
        if (!llm.IsConfigured)
        {
            return await raw.HandleAsync(envelope with { Mode = IngestionMode.Raw, ModeReason = IngestionMode.NoLlmReason + " on the worker" }, db, ct);
        }

        var input = await IngestionInput.StageAsync(envelope, db, ct);
        var agents = await db.Agents.AsNoTracking()
            .Where(a => a.OrganizationId == envelope.OrganizationId && (a.Id == envelope.AgentId || a.ParentId == envelope.AgentId))
            .ToListAsync(ct);
        var meta = agents.FirstOrDefault(a => a.Id == envelope.AgentId && a.AgentType == AgentTypes.Meta)
            ?? throw new PoisonMessageException($"Meta agent {envelope.AgentId} no longer exists.");
        var children = agents.Where(a => a.ParentId == meta.Id && ToolCatalog.IsMemoryAgent(a.AgentType)).ToList();
        var writer = new MemoryStager.Writer(envelope.OrganizationId, envelope.UserId, envelope.ClientId, input.Scope, meta.Id, [.. input.Messages.Select(m => m.Id)]);
        var readScopes = input.Client.ReadScopes.Append(input.Scope).Distinct(StringComparer.Ordinal).ToList();
        var zone = await stager.UserZoneAsync(envelope.OrganizationId, envelope.UserId, ct);
        var model = llm.Resolve(RequestedModel.Of(meta.LlmConfig));
        using var run = new AgentRunContext(envelope, input, meta, writer, readScopes, zone, db, stager, search);
        var conversation = string.Join("\n", envelope.InputMessages.Select(MessageNormalizer.ToText));
        // Images go to a model that reads them; for any other they stay named in the text.
        var images = model.AcceptsImages ? MessageImages.From(envelope.InputMessages) : [];

        var metaOutcome = await loop.RunAsync(await AssignAsync(meta, run, conversation, images, topics: null, ct), model, run, ct);
        var reports = new List<AgentReport> { metaOutcome.Report };
        var routed = RoutedTypes(metaOutcome.RouteArguments);
        var topics = metaOutcome.RouteArguments?["topics"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? metaOutcome.RouteArguments["topics"]!.GetValue<string>() : null;
        var chosen = children.Where(c => routed.Contains(AgentTypes.ShortName(c.AgentType))).ToList();
        var missing = routed.Where(t => chosen.All(c => AgentTypes.ShortName(c.AgentType) != t)).ToList();
        foreach (var type in missing)
        {
            metaOutcome.Report.RecordFailure($"routed to {type}, but this meta agent has no {type} memory agent");
        }

        // The memory agents' LLM calls overlap; their database work takes turns on the run's unit of work.
        var childOutcomes = await Task.WhenAll(chosen.Select(async child =>
            await loop.RunAsync(await AssignAsync(child, run, conversation, images, topics, ct), model, run, ct)));
        reports.AddRange(childOutcomes.Select(o => o.Report));
        db.Steps.AddRange(reports.SelectMany(r => r.Steps));

        var memories = new JsonObject();
        foreach (var (type, ids) in run.Written.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            memories[type] = new JsonArray([.. ids.Distinct(StringComparer.Ordinal).Select(id => (JsonNode)id)]);
        }
        return new JsonObject
        {
            ["mode"] = IngestionMode.Agents,
            ["mode_reason"] = envelope.ModeReason,
            ["model"] = model.ModelId,
            ["routed_types"] = new JsonArray([.. routed.Select(t => (JsonNode)t)]),
            ["topics"] = topics,
            ["memories"] = memories,
            ["llm_calls"] = reports.Sum(r => r.LlmCalls),
            ["prompt_tokens"] = reports.Sum(r => r.PromptTokens),
            ["completion_tokens"] = reports.Sum(r => r.CompletionTokens),
            ["agents"] = new JsonArray([.. reports.Select(r => (JsonNode)r.ToJson())]),
            ["failures"] = new JsonArray([.. reports.SelectMany(r => r.Failures.Select(f => (JsonNode)$"{r.AgentType}: {f}"))]),
            ["message_ids"] = new JsonArray([.. input.Messages.Select(m => (JsonNode)m.Id)]),
        };
    }

    private async Task<AgentLoop.Assignment> AssignAsync(
        Core.Domain.Agent agent, AgentRunContext run, string conversation, IReadOnlyList<Microsoft.Extensions.AI.AIContent> images, string? topics, CancellationToken ct)
    {
        var memory = await MemorySnapshotReader.ReadAsync(run, agent.AgentType, topics, ct);
        var system = AgentPrompts.System(agent.AgentType, agent.System, memory, time.GetUtcNow().UtcDateTime, run.UserZone);
        // MIRIX: the meta agent always chains until it routes; memory agents stop after a successful write unless asked.
        return new AgentLoop.Assignment(agent, system, AgentPrompts.Content(conversation, topics), images, ToolCatalog.For(agent.AgentType),
            Chaining: agent.AgentType == AgentTypes.Meta);
    }

    private static List<string> RoutedTypes(JsonObject? route) =>
        route?["memory_types"] is JsonArray types
            ? types.Select(t => AgentLoop.NormalizeType(t!.GetValue<string>())).Distinct(StringComparer.Ordinal).ToList()
            : [];
}
