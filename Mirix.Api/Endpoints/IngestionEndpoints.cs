using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Agents.Llm;
using Mirix.Core.Domain;
using Mirix.Core.Ingestion;
using Mirix.Core.Memory;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// The write path: <c>/memory/add</c> queues and answers at once, <c>/memory/add_sync</c> answers when the work is done,
/// a message to a memory agent (<see cref="AgentMessageEndpoints"/>) is queued the same way; every accepted request is an operation the caller can poll, and
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
        return app;
    }

    public static async Task<Results<Ok<AddMemoryResponse>, ProblemHttpResult>> AddMemory(
        AddMemoryRequest request, Caller caller, [AsParameters] IngestionServices services, HttpContext http, CancellationToken ct)
    {
        var (envelope, problem) = await AcceptAsync(From(request), caller, services, http, ct);
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
        var (envelope, problem) = await AcceptAsync(From(request), caller, services, http, ct);
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
            return Problems.Invalid($"status must be one of {string.Join(", ", OperationStatus.All)}.");
        }
        if (Paging.LimitProblem(limit) is { } limitError)
        {
            return Problems.Invalid(limitError);
        }
        if (Paging.CursorProblem(cursor) is { } cursorError)
        {
            return Problems.BadRequest(cursorError);
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
    internal static void MarkReplayed(HttpContext http, IngestionEnvelope envelope, IngestionOperation operation)
    {
        if (operation.Id != envelope.OperationId)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }
    }

    /// <summary>The request as Core's acceptance rules read it, with the Idempotency-Key header, and their answer as a problem.</summary>
    internal static async Task<(IngestionEnvelope? Envelope, ProblemHttpResult? Problem)> AcceptAsync(
        IngestionRequest request, Caller caller, IngestionServices services, HttpContext http, CancellationToken ct)
    {
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var outcome = await services.Acceptance.AcceptAsync(
            caller, request with { IdempotencyKey = key.Length > 0 ? key : null }, services.Llm.IsConfigured, ct);
        return outcome.Value is { } envelope ? (envelope, null) : (null, TypedMemoryEndpoints.ToProblem(outcome.Failure, outcome.Error!));
    }

    /// <summary>What the accepting routes use besides the request: the queue, the acceptance rules and the configured models.</summary>
    public sealed record IngestionServices(IngestionGateway Gateway, IngestionAcceptance Acceptance, LlmModelCatalog Llm);

    private static IngestionRequest From(AddMemoryRequest r) => new(
        string.IsNullOrEmpty(r.MetaAgentId) ? null : r.MetaAgentId, r.UserId, r.Messages, r.Chaining ?? true, r.Verbose ?? false,
        r.FilterTags, r.BlockFilterTags, r.BlockFilterTagsUpdateMode, r.UseCache ?? true, r.OccurredAt, r.Mode);
}
