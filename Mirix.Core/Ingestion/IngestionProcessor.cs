using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Runs the handler for a delivered envelope under the retry policy: exponential back-off on <see cref="TimeProvider"/>
/// delays, then the dead-letter store after <see cref="IngestionOptions.MaxAttempts"/> runs. The handler's writes and the
/// operation's success commit in one transaction, and a finished operation is never run again, so redeliveries are
/// harmless. It throws only when aborted or when it cannot record an outcome; the transport then delivers the message again.
/// </summary>
public sealed partial class IngestionProcessor(
    IServiceScopeFactory scopes, IngestionOptions options, TimeProvider time, ILogger<IngestionProcessor> logger)
{
    public const string TelemetryName = "Mirix.Ingestion";
    private static readonly ActivitySource Source = new(TelemetryName);
    private static readonly Meter Meter = new(TelemetryName);
    private static readonly Counter<long> Outcomes = Meter.CreateCounter<long>("mirix.ingestion.operations", description: "Operations finished, by outcome");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("mirix.ingestion.handler.duration", "s", "Handler run time");

    /// <summary>How many waiting raw messages <see cref="CompleteAheadAsync"/> finishes in one transaction.</summary>
    public const int MaxBatch = 64;

    /// <summary>How many finished-ahead operations are remembered for their deliveries; past it the memory starts again
    /// (a delivery it forgot finds its operation finished in the database, two statements instead of none).</summary>
    private const int MaxRemembered = 4096;

    /// <summary>Operations <see cref="CompleteAheadAsync"/> finished, which their deliveries acknowledge at once.</summary>
    private readonly ConcurrentDictionary<string, byte> _completedAhead = new(StringComparer.Ordinal);

    public async Task<DeliveryOutcome> ProcessAsync(IngestionEnvelope envelope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (_completedAhead.TryRemove(envelope.OperationId, out _))
        {
            return DeliveryOutcome.Done;
        }
        using var activity = StartActivity(envelope);
        var outages = 0;
        while (true)
        {
            var attempt = await AttemptAsync(envelope, ct);
            if (attempt.Outcome is { } outcome)
            {
                return outcome;
            }
            // An outage backs off on its own count, so waiting out a long one neither rushes nor uses up the attempts.
            await Task.Delay(options.RetryDelay(attempt.Outage ? ++outages : attempt.Attempts), time, ct);
        }
    }

    /// <summary>One run, no waiting: the outcome, or null when the run failed and may be retried.</summary>
    public async Task<DeliveryOutcome?> ProcessOnceAsync(IngestionEnvelope envelope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        using var activity = StartActivity(envelope);
        return (await AttemptAsync(envelope, ct)).Outcome;
    }

    /// <summary>Continues the trace the Api started when it accepted the message.</summary>
    private static Activity? StartActivity(IngestionEnvelope envelope)
    {
        ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, out var parent);
        var activity = Source.StartActivity("ingest " + envelope.Mode, ActivityKind.Consumer, parent);
        activity?.SetTag("mirix.operation_id", envelope.OperationId);
        activity?.SetTag("mirix.user_id", envelope.UserId);
        return activity;
    }

    private readonly record struct AttemptResult(DeliveryOutcome? Outcome, int Attempts, bool Outage = false);

    private async Task<AttemptResult> AttemptAsync(IngestionEnvelope envelope, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        var operation = await ClaimAsync(db, envelope.OperationId, ct);
        if (operation is null)
        {
            var found = await db.IngestionOperations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == envelope.OperationId, ct);
            if (found is null)
            {
                LogOperationGone(envelope.OperationId); // deleted with its organization
                return new(DeliveryOutcome.Done, 0);
            }
            LogDuplicate(envelope.OperationId, found.Status);
            return new(found.Status == OperationStatus.DeadLettered ? DeliveryOutcome.DeadLettered : DeliveryOutcome.Done, found.Attempts);
        }
        var attempts = operation.Attempts;

        var started = time.GetTimestamp();
        try
        {
            await RunHandlerAsync(envelope, operation, scope.ServiceProvider, db, ct);
            Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", OperationStatus.Succeeded));
            return new(DeliveryOutcome.Done, attempts);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await HandBackAsync(envelope.OperationId);
            throw;
        }
        catch (Exception e) when (DependencyOutage.IsStorage(e))
        {
            // The database, not the message, failed: nothing can be recorded, and the message must not move towards the
            // dead letters. The transport delivers it again once consuming resumes.
            LogStorageUnavailable(envelope.OperationId, e.GetBaseException().Message);
            throw;
        }
        catch (Exception e) when (DependencyOutage.Is(e))
        {
            // The model (or another dependency) is out of service: the operation says so and waits; no attempt is used up.
            LogDependencyOutage(envelope.OperationId, e.Message);
            await RecordFailureAsync(db, envelope.OperationId, e, deadLetter: false, ct, giveBackAttempt: true);
            Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", "waiting"));
            return new(null, attempts - 1, Outage: true);
        }
#pragma warning disable CA1031 // every handler failure is recorded on the operation and retried or dead-lettered
        catch (Exception e)
#pragma warning restore CA1031
        {
            var deadLetter = e is PoisonMessageException || attempts >= options.MaxAttempts;
            LogAttemptFailed(e, envelope.OperationId, attempts, deadLetter);
            await RecordFailureAsync(db, envelope.OperationId, e, deadLetter, ct);
            Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", deadLetter ? OperationStatus.DeadLettered : OperationStatus.Failed));
            return new(deadLetter ? DeliveryOutcome.DeadLettered : null, attempts);
        }
        finally
        {
            Duration.Record(time.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>
    /// Marks the operation running and counts the attempt in one statement, which returns it (tracked); null when it is gone
    /// or already finished (the statuses of <see cref="OperationStatus.IsFinal"/>). Should the connection break after the
    /// server committed it, the retry counts the attempt twice: rare, and it only brings the dead-letter store (from which
    /// an operation can be replayed) one attempt closer.
    /// </summary>
    private async Task<IngestionOperation?> ClaimAsync(MirixDbContext db, string operationId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await db.IngestionOperations.FromSql($"""
            UPDATE ingestion_operations
            SET status = {OperationStatus.Running}, attempts = attempts + 1, started_at = coalesce(started_at, {now}), updated_at = {now}
            WHERE id = {operationId} AND NOT is_deleted AND status NOT IN ({OperationStatus.Succeeded}, {OperationStatus.DeadLettered})
            RETURNING *
            """).IgnoreQueryFilters().ToListAsync(ct);
        return claimed.SingleOrDefault();
    }

    /// <summary>
    /// The handler prepares its writes outside any transaction (it may take long: embeddings, later LLM calls), then they
    /// commit in one short transaction with the operation's success, unless a duplicate delivery finished it meanwhile.
    /// </summary>
    private async Task RunHandlerAsync(IngestionEnvelope envelope, IngestionOperation operation, IServiceProvider services, MirixDbContext db, CancellationToken ct)
    {
        var handler = services.GetRequiredService<IIngestionHandler>();
        MarkSucceeded(operation, await handler.HandleAsync(envelope, db, ct));
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            // A failed save fails the whole unit, which the strategy runs again from the start: a savepoint around the save
            // would only cost two more round trips.
            db.Database.AutoSavepointsEnabled = false;
            // On PostgreSQL a duplicate delivery racing this one waits for the row's lock, then finds the operation finished.
            var current = db.Database.IsNpgsql()
                ? (await db.Database.SqlQuery<string>(
                    $"SELECT status AS \"Value\" FROM ingestion_operations WHERE id = {envelope.OperationId} AND NOT is_deleted FOR UPDATE").ToListAsync(token))
                    .SingleOrDefault()
                : await db.IngestionOperations.AsNoTracking().Where(o => o.Id == envelope.OperationId).Select(o => o.Status).SingleOrDefaultAsync(token);
            if (current is null || OperationStatus.IsFinal(current))
            {
                return; // finished by another delivery, or deleted with its user: nothing of this run is kept
            }
            // Not accepted until committed, so a retried unit saves the same changes again.
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
            await transaction.CommitAsync(token);
        }, ct);
        db.ChangeTracker.AcceptAllChanges();
    }

    /// <summary>
    /// Finishes the raw-mode messages at the head of a partition's waiting ones (up to the first message of another mode,
    /// which keeps the partition's order) in one transaction, as their deliveries would one by one: the same handler, one
    /// attempt each, each operation's success committed with its writes, operations already finished left alone. Their
    /// deliveries then acknowledge at once. Per message this takes two statements instead of about eight, and one commit
    /// for the batch. When anything fails, nothing of the batch is kept and each message goes through its own delivery,
    /// which retries, dead-letters or waits out an outage as usual; so this never throws, except when aborted.
    /// </summary>
    public async Task CompleteAheadAsync(IReadOnlyList<IngestionEnvelope> waiting, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        var batch = waiting.TakeWhile(e => e.Mode == IngestionMode.Raw).Take(MaxBatch).ToList();
        if (batch.Count < 2)
        {
            return;
        }
        if (_completedAhead.Count > MaxRemembered)
        {
            _completedAhead.Clear();
        }
        // One span for the batch, linked to the trace of each request it finishes.
        using var activity = Source.StartActivity("ingest raw batch", ActivityKind.Consumer, parentContext: default, links: LinksTo(batch));
        activity?.SetTag("mirix.batch_size", batch.Count);
        var started = time.GetTimestamp();
        var ids = batch.ConvertAll(e => e.OperationId);
        var finished = new List<string>();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            var handler = scope.ServiceProvider.GetRequiredService<IIngestionHandler>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                finished.Clear();
                db.ChangeTracker.Clear();
                // As one delivery does, the handler prepares the writes outside the transaction (it may embed), which then
                // only checks that no operation was finished meanwhile, saves and commits.
                var operations = await db.IngestionOperations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, StringComparer.Ordinal, token);
                foreach (var envelope in batch)
                {
                    if (!operations.TryGetValue(envelope.OperationId, out var operation) || OperationStatus.IsFinal(operation.Status))
                    {
                        continue; // gone, or finished by another delivery: its own delivery finds that out
                    }
                    var result = await handler.HandleAsync(envelope, db, token);
                    // What a delivery's claim records: one attempt, started now.
                    operation.Attempts++;
                    operation.StartedAt ??= time.GetUtcNow().UtcDateTime;
                    MarkSucceeded(operation, result);
                    finished.Add(envelope.OperationId);
                }
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                db.Database.AutoSavepointsEnabled = false;
                if (await FinishedMeanwhileAsync(db, finished, token))
                {
                    throw new InvalidOperationException("An operation of the batch was finished by another delivery meanwhile.");
                }
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
                await transaction.CommitAsync(token);
            }, ct);
        }
#pragma warning disable CA1031 // finishing ahead only saves work: each message's own delivery handles whatever failed here
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogBatchFailed(e, batch.Count);
            return;
        }
        var perMessage = time.GetElapsedTime(started).TotalSeconds / Math.Max(finished.Count, 1);
        foreach (var id in finished)
        {
            _completedAhead[id] = 0;
            Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", OperationStatus.Succeeded));
            Duration.Record(perMessage);
        }
    }

    /// <summary>Stamps a run's success on the operation; it is saved with the handler's writes.</summary>
    private void MarkSucceeded(IngestionOperation operation, System.Text.Json.Nodes.JsonObject result)
    {
        operation.Status = OperationStatus.Succeeded;
        operation.ResultJson = result.ToJsonString();
        operation.LastError = null;
        operation.CompletedAt = time.GetUtcNow().UtcDateTime;
    }

    private static List<ActivityLink> LinksTo(List<IngestionEnvelope> batch)
    {
        var links = new List<ActivityLink>(batch.Count);
        foreach (var envelope in batch)
        {
            if (ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, out var accepted))
            {
                links.Add(new ActivityLink(accepted));
            }
        }
        return links;
    }

    /// <summary>
    /// Whether any of <paramref name="ids"/> is finished or gone, asked inside the transaction: on PostgreSQL under the rows'
    /// locks (taken in id order, so two batches over the same operations cannot deadlock), which a duplicate delivery then
    /// waits for; SQLite's transaction holds the database's write lock already.
    /// </summary>
    private static async Task<bool> FinishedMeanwhileAsync(MirixDbContext db, List<string> ids, CancellationToken ct)
    {
        var ordered = ids.Order(StringComparer.Ordinal).ToArray();
        var statuses = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<string>(
                $"SELECT status AS \"Value\" FROM ingestion_operations WHERE id = ANY ({ordered}) AND NOT is_deleted ORDER BY id FOR UPDATE").ToListAsync(ct)
            : await db.IngestionOperations.AsNoTracking().Where(o => ordered.Contains(o.Id)).Select(o => o.Status).ToListAsync(ct);
        return statuses.Count < ordered.Length || statuses.Any(OperationStatus.IsFinal);
    }

    private async Task RecordFailureAsync(MirixDbContext db, string operationId, Exception error, bool deadLetter, CancellationToken ct, bool giveBackAttempt = false)
    {
        db.ChangeTracker.Clear();
        var operation = await db.IngestionOperations.SingleAsync(o => o.Id == operationId, ct);
        if (giveBackAttempt)
        {
            operation.Attempts--;
        }
        operation.Status = deadLetter ? OperationStatus.DeadLettered : OperationStatus.Failed;
        operation.LastError = Describe(error);
        operation.CompletedAt = deadLetter ? time.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An aborted run goes back to queued, so the status does not claim work nobody is doing.</summary>
    private async Task HandBackAsync(string operationId)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            await db.IngestionOperations
                .Where(o => o.Id == operationId && o.Status == OperationStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OperationStatus.Queued), timeout.Token);
        }
#pragma warning disable CA1031 // best effort while stopping; the message itself is still unacknowledged
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogHandBackFailed(e, operationId);
        }
    }

    private static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        if (error.InnerException is { } inner)
        {
            text += $" ({inner.GetType().Name}: {inner.Message})";
        }
        return text.Length <= 4000 ? text : text[..4000];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Finishing {Count} waiting raw messages together failed; each goes through its own delivery")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operation {OperationId} no longer exists; its message is dropped")]
    private partial void LogOperationGone(string operationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operation {OperationId} is already {Status}; the redelivered message is acknowledged without running again")]
    private partial void LogDuplicate(string operationId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operation {OperationId} failed on attempt {Attempt} (dead-lettered: {DeadLettered})")]
    private partial void LogAttemptFailed(Exception exception, string operationId, int attempt, bool deadLettered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operation {OperationId} waits for the database: {Reason}")]
    private partial void LogStorageUnavailable(string operationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operation {OperationId} waits out an outage: {Reason}")]
    private partial void LogDependencyOutage(string operationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark aborted operation {OperationId} as queued again")]
    private partial void LogHandBackFailed(Exception exception, string operationId);
}
