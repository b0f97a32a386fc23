using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Ingestion;
using Mirix.Core.Memory;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Agents;

/// <summary>What a caller asks of <c>/memory/auto_dream</c>, for a user already resolved.</summary>
public sealed record AutoDreamAsk(string UserId, string? Mode, bool DryRun, string? Model, DateTime? Start, DateTime? End, string? IdempotencyKey = null);

/// <summary>The window and counts a run considers, and for a real run the envelope to queue.</summary>
public sealed record AutoDreamPlan(DreamRequest Request, DateTime? LastDreamAt, IReadOnlyDictionary<string, int> Totals, IngestionEnvelope? Envelope);

/// <summary>
/// The rules of <c>/memory/auto_dream</c>: the mode, the model (one of the operator's), the window (from the last
/// checkpoint, else 30 days back, to now), the memories it would consider; a dry run stops there, a real run becomes
/// a queued operation in the user's partition, so it never races the user's adds.
/// </summary>
public sealed class AutoDreamAcceptance(MirixDbContext db, TimeProvider time)
{
    public async Task<WriteOutcome<AutoDreamPlan>> AcceptAsync(
        Caller caller, AutoDreamAsk ask, bool llmConfigured, Func<string, bool> isKnownModel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(ask);
        ArgumentNullException.ThrowIfNull(isKnownModel);
        static WriteOutcome<AutoDreamPlan> Invalid(string error) => WriteOutcome.Fail<AutoDreamPlan>(WriteFailure.Invalid, error);
        static WriteOutcome<AutoDreamPlan> Rejected(string error) => WriteOutcome.Fail<AutoDreamPlan>(WriteFailure.Rejected, error);
        var mode = ask.Mode ?? AutoDream.DefaultMode;
        if (!AutoDream.Modes.TryGetValue(mode, out var components))
        {
            return Invalid($"mode must be one of {string.Join(", ", AutoDream.Modes.Keys)}.");
        }
        if (ask.Model is not null && !isKnownModel(ask.Model))
        {
            return Rejected($"model '{ask.Model}' is not one of the server's models (GET /config/llm lists them).");
        }
        if (ask.Start > ask.End)
        {
            return Rejected("start_date must not be after end_date.");
        }
        if (caller.WriteScope is not { } scope)
        {
            return WriteOutcome.Fail<AutoDreamPlan>(WriteFailure.Forbidden, "A read-only client (no write_scope) cannot consolidate memories.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var last = await AutoDream.LastCheckpointAsync(db, caller.OrganizationId, ask.UserId, scope, ct);
        var request = new DreamRequest(mode, ask.Start ?? last ?? now - AutoDream.DefaultWindow, ask.End ?? now, ask.Model);
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var component in components)
        {
            totals[component] = await AutoDream.CountAsync(db, caller.OrganizationId, ask.UserId, scope, component, request.Start, request.End, now, ct);
        }
        if (ask.DryRun)
        {
            return WriteOutcome.Done(new AutoDreamPlan(request, last, totals, null));
        }
        if (!llmConfigured)
        {
            return Rejected("Consolidation needs an LLM, and " + IngestionMode.NoLlmReason + "; dry_run works without one.");
        }
        var meta = await db.Agents.AsNoTracking().MetaAgentOf(caller).Select(a => a.Id).FirstOrDefaultAsync(ct);
        if (meta is null)
        {
            return Rejected("This client has no meta agent: call /agents/meta/initialize first.");
        }
        var envelope = Envelope(caller.OrganizationId, caller.ClientId, meta, ask.UserId, scope, request, now, ask.IdempotencyKey);
        return WriteOutcome.Done(new AutoDreamPlan(request, last, totals, envelope));
    }

    /// <summary>The queued form of a consolidation run, for a request or for the periodic job.</summary>
    public static IngestionEnvelope Envelope(
        string organizationId, string clientId, string metaAgentId, string userId, string scope, DreamRequest request, DateTime now, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operationId = $"{IngestionOperation.IdPrefix}-{Guid.CreateVersion7()}";
        var activity = Activity.Current;
        return new IngestionEnvelope
        {
            OperationId = operationId,
            IdempotencyKey = idempotencyKey ?? operationId,
            OrganizationId = organizationId,
            ClientId = clientId,
            AgentId = metaAgentId,
            UserId = userId,
            InputMessages = [],
            FilterTags = System.Text.Json.Nodes.JsonNode.Parse(ScopedFilterTags.WithScope(null, scope))!.AsObject(),
            Mode = IngestionMode.AutoDream,
            ModeReason = $"consolidation requested (mode {request.Mode})",
            Dream = request,
            TraceParent = activity?.Id,
            TraceState = activity?.TraceStateString,
            AcceptedAt = now,
        };
    }
}
