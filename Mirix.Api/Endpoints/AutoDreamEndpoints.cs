using Mirix.Agents.Llm;
using Mirix.Core.Agents;
using Mirix.Core.Ingestion;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// <c>POST /memory/auto_dream</c>: a dry run answers the window and what it holds at once; a real run is queued as an
/// operation in the user's partition (202, with the operation to poll for the counts).
/// </summary>
public static class AutoDreamEndpoints
{
    public static IEndpointRouteBuilder MapAutoDreamEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/memory/auto_dream", Dream).RequireAuthorization().WithTags("Consolidation").WithName("AutoDream")
            .WithSummary("Consolidates a user's memories of a period (merges duplicates, resolves contradictions, keeps history); dry_run only counts.");
        return app;
    }

    public static async Task<Results<Ok<AutoDreamResponse>, Accepted<AutoDreamResponse>, ProblemHttpResult>> Dream(
        AutoDreamRequest request, Caller caller, MirixDbContext db, AutoDreamAcceptance acceptance, IngestionGateway gateway,
        LlmModelCatalog models, HttpContext http, CancellationToken ct, string? user_id = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (start, startError) = SearchEndpoints.ParseDate(request.StartDate, "start_date");
        var (end, endError) = SearchEndpoints.ParseDate(request.EndDate, "end_date");
        if ((startError ?? endError) is { } dateError)
        {
            return Problems.BadRequest(dateError);
        }
        var (userId, problem) = await TargetUser.ResolveAsync(caller, user_id, db, ct, createIfMissing: true);
        if (problem is not null)
        {
            return problem;
        }
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var outcome = await acceptance.AcceptAsync(caller,
            new AutoDreamAsk(userId!, request.Mode, request.DryRun ?? false, request.Model, start, end, key.Length > 0 ? key : null),
            models.IsConfigured, name => models.Models.Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(m.ModelId, name, StringComparison.OrdinalIgnoreCase)),
            ct);
        if (outcome.Value is not { } plan)
        {
            return TypedMemoryEndpoints.ToProblem(outcome.Failure, outcome.Error!);
        }
        var processed = plan.Totals.ToDictionary(t => t.Key, t => new DreamCounts(t.Value, 0, 0, 0));
        if (plan.Envelope is null)
        {
            return TypedResults.Ok(new AutoDreamResponse(plan.Request.Start, plan.Request.End, processed, plan.LastDreamAt, true,
                $"Dry run ({plan.Request.Mode}): {plan.Totals.Values.Sum()} memories in the window would be considered.", null, null));
        }
        var operation = await gateway.QueueAsync(plan.Envelope, ct);
        return TypedResults.Accepted($"/memory/operations/{operation.Id}", new AutoDreamResponse(plan.Request.Start, plan.Request.End, processed, plan.LastDreamAt, false,
            $"Consolidation ({plan.Request.Mode}) queued as operation {operation.Id}; its result at /memory/operations/{operation.Id} holds the counts.",
            operation.Id, operation.Status));
    }
}
