using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Agents.Llm;
using Mirix.Agents.Runs;
using Mirix.Api.Contracts;
using Mirix.Core.Domain;
using Mirix.Core.Ingestion;
using Mirix.Core.Memory;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// The write path: <c>/memory/add</c> queues and answers at once, <c>/memory/add_sync</c> answers when the work is done,
/// <c>/agents/{id}/messages</c> queues for one agent; every accepted request is an operation the caller can poll, and
/// dead-lettered operations can be listed and replayed.
/// </summary>
public static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder app)
    {
        var memory = app.MapGroup("/memory").WithTags("Ingestion").RequireAuthorization();
        memory.MapPost("/add", AddMemory).WithName("AddMemory")
            .WithSummary("Queues conversation messages for the memory agents (or raw mode) and answers at once with the operation to poll.");
        memory.MapPost("/add_sync", AddMemorySync).WithName("AddMemorySync")
            .WithSummary("Processes conversation messages in the request and answers when they are stored.");
        memory.MapGet("/operations", ListOperations).WithName("ListOperations")
            .WithSummary("Lists the caller's ingestion operations, oldest first; status=dead_lettered lists the dead letters.");
        memory.MapGet("/operations/{operationId}", GetOperation).WithName("GetOperation")
            .WithSummary("Reports an operation: queued, running, succeeded, failed (retry pending) or dead_lettered, with timings and the error.");
        memory.MapPost("/operations/{operationId}/replay", ReplayOperation).WithName("ReplayOperation")
            .WithSummary("Queues a dead-lettered operation again with a fresh set of attempts.");
        app.MapPost("/agents/{agentId}/messages", SendMessage).WithTags("Agents").RequireAuthorization().WithName("SendAgentMessage")
            .WithSummary("Queues a message for one of the caller's agents; the operation id is in X-Operation-Id.");
        return app;
    }

    public static async Task<Results<Ok<AddMemoryResponse>, ProblemHttpResult>> AddMemory(
        AddMemoryRequest request, Caller caller, [AsParameters] IngestionServices services, HttpContext http, CancellationToken ct)
    {
        var (envelope, problem) = await AcceptAsync(IngestionRequest.From(request), caller, services, http, ct);
        if (envelope is null)
        {
            return problem!;
        }
        var operation = await services.Gateway.QueueAsync(envelope, ct);
        MarkReplayed(http, envelope, operation);
        return TypedResults.Ok(new AddMemoryResponse(true, "Memory queued for processing", "queued", envelope.AgentId, operation.MessageCount, operation.Id, operation.Mode, envelope.ModeReason));
    }

    public static async Task<Results<Ok<AddMemoryResponse>, Accepted<AddMemoryResponse>, ProblemHttpResult>> AddMemorySync(
        AddMemoryRequest request, Caller caller, [AsParameters] IngestionServices services, HttpContext http, CancellationToken ct)
    {
        var (envelope, problem) = await AcceptAsync(IngestionRequest.From(request), caller, services, http, ct);
        if (envelope is null)
        {
            return problem!;
        }
        var (operation, processed) = await services.Gateway.RunInlineAsync(envelope, ct);
        MarkReplayed(http, envelope, operation);
        var count = operation.MessageCount;
        if (processed)
        {
            return TypedResults.Ok(new AddMemoryResponse(true, "Memory processed", "processed", envelope.AgentId, count, operation.Id, operation.Mode, envelope.ModeReason));
        }
        if (operation.Status == OperationStatus.DeadLettered)
        {
            return TypedResults.Problem($"The messages could not be processed: {operation.LastError} (operation {operation.Id}).",
                statusCode: StatusCodes.Status422UnprocessableEntity, extensions: new Dictionary<string, object?> { ["operation_id"] = operation.Id });
        }
        // Nothing is lost: the failed run was handed to the queue, whose consumers retry it.
        return TypedResults.Accepted($"/memory/operations/{operation.Id}", new AddMemoryResponse(
            true, $"Processing failed ({operation.LastError}); queued for retry", "queued", envelope.AgentId, count, operation.Id, operation.Mode, envelope.ModeReason));
    }

    public static async Task<Results<Ok<MirixResponse>, ProblemHttpResult>> SendMessage(
        string agentId, SendMessageRequest request, Caller caller, [AsParameters] IngestionServices services, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.StreamSteps == true || request.StreamTokens == true)
        {
            return Problems.BadRequest("Streaming is not available on this route yet; send with stream_steps and stream_tokens false.");
        }
        var (envelope, problem) = await AcceptAsync(IngestionRequest.From(agentId, request), caller, services, http, ct);
        if (envelope is null)
        {
            return problem!;
        }
        var operation = await services.Gateway.QueueAsync(envelope, ct);
        MarkReplayed(http, envelope, operation);
        http.Response.Headers["X-Operation-Id"] = operation.Id;
        http.Response.Headers.Location = $"/memory/operations/{operation.Id}";
        return TypedResults.Ok(new MirixResponse([], []));
    }

    public static async Task<Results<Ok<OperationView>, ProblemHttpResult>> GetOperation(
        string operationId, Caller caller, MirixDbContext db, IngestionOptions options, CancellationToken ct)
    {
        var operation = await OperationJournal.Visible(db, caller).AsNoTracking().SingleOrDefaultAsync(o => o.Id == operationId, ct);
        return operation is null
            ? Problems.NotFound($"Operation {operationId} not found.")
            : TypedResults.Ok(OperationView.From(operation, options.MaxAttempts));
    }

    public static async Task<Results<Ok<OperationListResponse>, ProblemHttpResult>> ListOperations(
        Caller caller, MirixDbContext db, IngestionOptions options, CancellationToken ct,
        string? status = null, string? user_id = null, string? cursor = null, int? limit = null)
    {
        if (status is not null && !OperationStatus.All.Contains(status))
        {
            return Problems.BadRequest($"status must be one of {string.Join(", ", OperationStatus.All)}.");
        }
        var query = OperationJournal.Visible(db, caller).AsNoTracking();
        if (status is not null)
        {
            query = query.Where(o => o.Status == status);
        }
        if (!string.IsNullOrEmpty(user_id))
        {
            query = query.Where(o => o.UserId == user_id);
        }
        var page = await query.Page(cursor, limit).ToListAsync(ct);
        var views = page.ConvertAll(o => OperationView.From(o, options.MaxAttempts));
        return TypedResults.Ok(new OperationListResponse(views, page.Count == Paging.Clamp(limit) ? page[^1].Id : null, views.Count));
    }

    public static async Task<Results<Ok<OperationView>, ProblemHttpResult>> ReplayOperation(
        string operationId, Caller caller, IngestionGateway gateway, IngestionOptions options, CancellationToken ct)
    {
        var operation = await gateway.ReplayAsync(caller, operationId, ct);
        if (operation is null)
        {
            return Problems.NotFound($"Operation {operationId} not found.");
        }
        return operation.Status == OperationStatus.Queued
            ? TypedResults.Ok(OperationView.From(operation, options.MaxAttempts))
            : Problems.Conflict($"Only dead-lettered operations can be replayed; operation {operationId} is {operation.Status}.");
    }

    /// <summary>Says when the answer is an earlier request's operation, returned again for a repeated Idempotency-Key.</summary>
    private static void MarkReplayed(HttpContext http, IngestionEnvelope envelope, IngestionOperation operation)
    {
        if (operation.Id != envelope.OperationId)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }
    }

    /// <summary>Validates a request the way MIRIX does (with its holes closed) and builds the envelope to queue.</summary>
    private static async Task<(IngestionEnvelope? Envelope, ProblemHttpResult? Problem)> AcceptAsync(
        IngestionRequest request, Caller caller, IngestionServices services, HttpContext http, CancellationToken ct)
    {
        var (_, db, time, llm) = services;
        var idempotencyKey = http.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 128 || (idempotencyKey.Length > 0 && string.IsNullOrWhiteSpace(idempotencyKey)))
        {
            return (null, Problems.BadRequest("Idempotency-Key must be 1 to 128 characters and not blank."));
        }
        if (!caller.CanWrite)
        {
            return (null, Problems.Forbidden("A read-only client (no write_scope) cannot add memories."));
        }
        if (request.Mode is not (null or IngestionMode.Agents or IngestionMode.Raw))
        {
            return (null, Problems.BadRequest("mode must be 'agents' or 'raw'."));
        }
        if (request.Mode == IngestionMode.Agents && !llm.IsConfigured)
        {
            return (null, Problems.BadRequest("mode 'agents' needs an LLM, and " + AgentIngestionHandler.NoLlmReason + "; send mode 'raw' or leave mode out."));
        }
        var (mode, modeReason) = request.Mode is { } asked ? (asked, "requested by the caller")
            : llm.IsConfigured ? (IngestionMode.Agents, "an LLM is configured") : (IngestionMode.Raw, AgentIngestionHandler.NoLlmReason);
        var blockMode = request.BlockFilterTagsUpdateMode ?? "merge";
        if (blockMode is not ("merge" or "replace"))
        {
            return (null, Problems.BadRequest("block_filter_tags_update_mode must be 'merge' or 'replace'."));
        }
        var (messages, messageError) = MessageNormalizer.Normalize(request.Messages);
        if (messages is null)
        {
            return (null, Problems.BadRequest(messageError!));
        }
        if (!OccurredAtParameter.TryRead(request.OccurredAt, out var occurredAt, out var occurredProblem))
        {
            return (null, occurredProblem);
        }
        var userId = string.IsNullOrWhiteSpace(request.UserId) ? caller.BoundUserId ?? caller.AdminUserId : request.UserId;
        if (caller.BoundUserId is not null && caller.BoundUserId != userId)
        {
            return (null, Problems.Forbidden("This API key is bound to another user."));
        }
        if (request.AgentId is null)
        {
            // As in MIRIX, unless the caller asked for raw mode itself (whatever mode the server would pick).
            if (request.Mode != IngestionMode.Raw)
            {
                return (null, Problems.BadRequest("meta_agent_id is required (call /agents/meta/initialize first), unless mode is 'raw'."));
            }
        }
        else if (!await db.Agents.AnyAsync(a => a.Id == request.AgentId && a.OrganizationId == caller.OrganizationId && a.CreatedById == caller.ClientId, ct))
        {
            return (null, Problems.NotFound($"Agent {request.AgentId} not found."));
        }

        var blockTags = request.BlockFilterTags is null ? null : (JsonObject)request.BlockFilterTags.DeepClone();
        blockTags?.Remove("scope"); // the scope of core blocks is the server's to set
        var activity = Activity.Current;
        var operationId = $"{IngestionOperation.IdPrefix}-{Guid.CreateVersion7()}"; // time-ordered: lists page in acceptance order
        return (new IngestionEnvelope
        {
            OperationId = operationId,
            IdempotencyKey = idempotencyKey.Length > 0 ? idempotencyKey : operationId,
            OrganizationId = caller.OrganizationId,
            ClientId = caller.ClientId,
            AgentId = request.AgentId,
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
        }, null);
    }

    /// <summary>What the accepting routes use besides the request: the queue, the database, the clock and the configured models.</summary>
    public sealed record IngestionServices(IngestionGateway Gateway, MirixDbContext Db, TimeProvider Time, LlmModelCatalog Llm);

    /// <summary>The fields <c>/memory/add</c> and <c>/agents/{id}/messages</c> share, once read from either body.</summary>
    private sealed record IngestionRequest(
        string? AgentId, string? UserId, JsonArray? Messages, bool Chaining, bool Verbose, JsonObject? FilterTags,
        JsonObject? BlockFilterTags, string? BlockFilterTagsUpdateMode, bool UseCache, string? OccurredAt, string? Mode)
    {
        public static IngestionRequest From(AddMemoryRequest r) => new(
            string.IsNullOrEmpty(r.MetaAgentId) ? null : r.MetaAgentId, r.UserId, r.Messages, r.Chaining ?? true, r.Verbose ?? false,
            r.FilterTags, r.BlockFilterTags, r.BlockFilterTagsUpdateMode, r.UseCache ?? true, r.OccurredAt, r.Mode);

        public static IngestionRequest From(string agentId, SendMessageRequest r)
        {
            var message = new JsonObject { ["role"] = r.Role ?? "user", ["content"] = r.Message?.DeepClone() };
            if (r.Name is not null)
            {
                message["name"] = r.Name;
            }
            return new(agentId, r.UserId, [message], true, false, r.FilterTags, r.BlockFilterTags, r.BlockFilterTagsUpdateMode, r.UseCache ?? true, null, null);
        }
    }
}
