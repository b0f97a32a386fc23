using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Core.Agents;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Ingestion;

/// <summary>What a caller asks to add: the fields <c>/memory/add</c> and <c>/agents/{id}/messages</c> share, and an idempotency key.</summary>
public sealed record IngestionRequest(
    string? AgentId, string? UserId, JsonArray? Messages, bool Chaining, bool Verbose, JsonObject? FilterTags,
    JsonObject? BlockFilterTags, string? BlockFilterTagsUpdateMode, bool UseCache, string? OccurredAt, string? Mode, string? IdempotencyKey = null);

/// <summary>
/// The acceptance rules of every way to add memories (REST routes today, MCP tools next): MIRIX's checks with its holes
/// closed, the mode chosen and why, and the envelope to queue. Not tied to HTTP: the caller and the request are plain values.
/// </summary>
public sealed class IngestionAcceptance(MirixDbContext db, TimeProvider time)
{
    public async Task<WriteOutcome<IngestionEnvelope>> AcceptAsync(Caller caller, IngestionRequest request, bool llmConfigured, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        static WriteOutcome<IngestionEnvelope> Invalid(string error) => WriteOutcome.Fail<IngestionEnvelope>(WriteFailure.Invalid, error);
        var key = request.IdempotencyKey;
        if (key is not null && (key.Length > 128 || string.IsNullOrWhiteSpace(key)))
        {
            return Invalid("Idempotency-Key must be 1 to 128 characters and not blank.");
        }
        if (!caller.CanWrite)
        {
            return WriteOutcome.Fail<IngestionEnvelope>(WriteFailure.Forbidden, "A read-only client (no write_scope) cannot add memories.");
        }
        if (request.Mode is not (null or IngestionMode.Agents or IngestionMode.Raw))
        {
            return Invalid("mode must be 'agents' or 'raw'.");
        }
        if (request.Mode == IngestionMode.Agents && !llmConfigured)
        {
            return WriteOutcome.Fail<IngestionEnvelope>(WriteFailure.Rejected, "mode 'agents' needs an LLM, and " + IngestionMode.NoLlmReason + "; send mode 'raw' or leave mode out.");
        }
        var (mode, modeReason) = request.Mode is { } asked ? (asked, "requested by the caller")
            : llmConfigured ? (IngestionMode.Agents, "an LLM is configured") : (IngestionMode.Raw, IngestionMode.NoLlmReason);
        var blockMode = request.BlockFilterTagsUpdateMode ?? "merge";
        if (blockMode is not ("merge" or "replace"))
        {
            return Invalid("block_filter_tags_update_mode must be 'merge' or 'replace'.");
        }
        var (messages, messageError) = MessageNormalizer.Normalize(request.Messages);
        if (messages is null)
        {
            return Invalid(messageError!);
        }
        DateTime? occurredAt = null;
        if (request.OccurredAt is not null)
        {
            if (!TimeParsing.TryParseUtc(request.OccurredAt, TimeZoneInfo.Utc, out var parsed))
            {
                return WriteOutcome.Fail<IngestionEnvelope>(WriteFailure.Rejected, "occurred_at must be an ISO-8601 date-time.");
            }
            occurredAt = parsed;
        }
        var userId = string.IsNullOrWhiteSpace(request.UserId) ? caller.BoundUserId ?? caller.AdminUserId : request.UserId;
        if (UserIds.Problem(userId) is { } invalidUser)
        {
            return Invalid(invalidUser);
        }
        if (caller.BoundUserId is not null && caller.BoundUserId != userId)
        {
            return WriteOutcome.Fail<IngestionEnvelope>(WriteFailure.Forbidden, "This API key is bound to another user.");
        }
        var agentId = request.AgentId;
        if (agentId is null && request.Mode != IngestionMode.Raw)
        {
            // MIRIX requires the id; a client has one meta agent, so it is found for the caller (raw mode needs none).
            agentId = await db.Agents.MetaAgentOf(caller).Select(a => a.Id).FirstOrDefaultAsync(ct);
            if (agentId is null)
            {
                return Invalid("meta_agent_id is required: this client has no meta agent yet (call /agents/meta/initialize first), unless mode is 'raw'.");
            }
        }
        else if (agentId is not null && !await db.Agents.AnyAsync(a => a.Id == agentId && a.OrganizationId == caller.OrganizationId && a.CreatedById == caller.ClientId, ct))
        {
            return WriteOutcome.Fail<IngestionEnvelope>(WriteFailure.NotFound, $"Agent {agentId} not found.");
        }

        var blockTags = request.BlockFilterTags is null ? null : (JsonObject)request.BlockFilterTags.DeepClone();
        blockTags?.Remove("scope"); // the scope of core blocks is the server's to set
        var activity = Activity.Current;
        var operationId = $"{IngestionOperation.IdPrefix}-{Guid.CreateVersion7()}"; // time-ordered: lists page in acceptance order
        return WriteOutcome.Done(new IngestionEnvelope
        {
            OperationId = operationId,
            IdempotencyKey = key ?? operationId,
            OrganizationId = caller.OrganizationId,
            ClientId = caller.ClientId,
            AgentId = agentId,
            UserId = userId,
            InputMessages = messages,
            Chaining = request.Chaining,
            Verbose = request.Verbose,
            FilterTags = JsonNode.Parse(ScopedFilterTags.WithScope(request.FilterTags, caller.WriteScope))!.AsObject(),
            UseCache = request.UseCache,
            OccurredAt = occurredAt,
            BlockFilterTags = blockTags,
            BlockFilterTagsUpdateMode = blockMode,
            Mode = mode,
            ModeReason = modeReason,
            TraceParent = activity?.Id,
            TraceState = activity?.TraceStateString,
            AcceptedAt = time.GetUtcNow().UtcDateTime,
        });
    }
}
