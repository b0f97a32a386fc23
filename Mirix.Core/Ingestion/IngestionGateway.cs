using Microsoft.EntityFrameworkCore;
using Mirix.Core.Domain;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Where accepted messages enter the pipeline: the operation is journaled first, then the envelope is published; what the
/// transport cannot keep is refused (and un-journaled) rather than accepted and lost.
/// </summary>
public sealed class IngestionGateway(
    MirixDbContext db, IIngestionTransport transport, IngestionProcessor processor, OperationJournalWriter journal, IdempotencyGate idempotency)
{
    /// <summary>Queues the envelope; a request repeating an earlier one's idempotency key gets that operation back instead.</summary>
    public async Task<IngestionOperation> QueueAsync(IngestionEnvelope envelope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var operation = NewOperation(envelope, transport.Name);
        using var turn = await TurnAsync(operation, ct);
        if (await EarlierAsync(operation, ct) is { } earlier)
        {
            if (earlier.Status == OperationStatus.Queued)
            {
                // Still queued: its publish may never have happened (the 503 path could not remove its row while the
                // database was out of reach too). Publishing again is harmless, since a finished operation never runs
                // twice, and makes the retry the client was asked for deliver what it was promised.
                await transport.PublishAsync(IngestionEnvelope.Deserialize(earlier.Envelope), ct);
            }
            return earlier;
        }
        try
        {
            await journal.WriteAsync(operation);
        }
        catch (DbUpdateException) when (operation.IdempotencyKey is not null)
        {
            // A concurrent request with the same key won the unique index.
            return await EarlierAsync(operation, ct) ?? throw new InvalidOperationException($"Operation {operation.Id} could not be journaled.");
        }
        try
        {
            await transport.PublishAsync(envelope, ct);
        }
        catch (IngestionUnavailableException)
        {
            // The caller is told 503: no operation may linger.
            await db.IngestionOperations.Where(o => o.Id == operation.Id).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
        return operation;
    }

    /// <summary>
    /// <c>/memory/add_sync</c>: one run in the request. If it fails, the message is not lost: it is handed to the
    /// transport, whose consumers retry it under the usual policy.
    /// </summary>
    public async Task<(IngestionOperation Operation, bool Processed)> RunInlineAsync(IngestionEnvelope envelope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var operation = NewOperation(envelope, TransportNames.Inline);
        using (await TurnAsync(operation, ct))
        {
            if (await EarlierAsync(operation, ct) is { } earlier)
            {
                return (earlier, earlier.Status == OperationStatus.Succeeded);
            }
            db.IngestionOperations.Add(operation);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (operation.IdempotencyKey is not null)
            {
                var raced = await EarlierAsync(operation, ct) ?? throw new InvalidOperationException($"Operation {operation.Id} could not be journaled.");
                return (raced, raced.Status == OperationStatus.Succeeded);
            }
        }
        DeliveryOutcome? outcome;
        try
        {
            outcome = await processor.ProcessOnceAsync(envelope, ct);
        }
        catch (OperationCanceledException)
        {
            await HandOverAsync(operation.Id, envelope, CancellationToken.None); // the caller left; the work goes on
            throw;
        }
        if (outcome is null)
        {
            await HandOverAsync(operation.Id, envelope, ct);
        }
        return (await ReloadAsync(operation.Id, ct), outcome == DeliveryOutcome.Done);
    }

    private async Task HandOverAsync(string operationId, IngestionEnvelope envelope, CancellationToken ct)
    {
        await db.IngestionOperations.Where(o => o.Id == operationId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Transport, transport.Name), ct);
        await transport.PublishAsync(envelope, ct);
    }

    /// <summary>Queues a dead-lettered operation again, as it was accepted, with a fresh set of attempts.</summary>
    public async Task<IngestionOperation?> ReplayAsync(Caller caller, string operationId, CancellationToken ct)
    {
        var operation = await OperationJournal.Visible(db, caller).SingleOrDefaultAsync(o => o.Id == operationId, ct);
        if (operation is null || operation.Status != OperationStatus.DeadLettered)
        {
            return operation;
        }
        var envelope = IngestionEnvelope.Deserialize(operation.Envelope);
        var (attempts, completedAt, transportName) = (operation.Attempts, operation.CompletedAt, operation.Transport);
        operation.Status = OperationStatus.Queued;
        operation.Attempts = 0;
        operation.CompletedAt = null;
        operation.Transport = transport.Name;
        await db.SaveChangesAsync(ct);
        try
        {
            await transport.PublishAsync(envelope, ct);
        }
        catch (IngestionUnavailableException)
        {
            // Not queued after all: it stays a dead letter, to be replayed later.
            (operation.Status, operation.Attempts, operation.CompletedAt, operation.Transport) = (OperationStatus.DeadLettered, attempts, completedAt, transportName);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        return operation;
    }

    /// <summary>This request's turn among those with its idempotency key (none is needed without a key).</summary>
    private async Task<IDisposable?> TurnAsync(IngestionOperation operation, CancellationToken ct) =>
        operation.IdempotencyKey is { } key ? await idempotency.EnterAsync($"{operation.OrganizationId}/{operation.ClientId}/{key}", ct) : null;

    /// <summary>
    /// The earlier operation of the same idempotency key, if any. A key reused for a different request (another user, other
    /// messages, tags, date or mode) is the caller's mistake: answering the first operation would drop the new payload.
    /// </summary>
    private async Task<IngestionOperation?> EarlierAsync(IngestionOperation operation, CancellationToken ct)
    {
        if (operation.IdempotencyKey is not { } key)
        {
            return null;
        }
        var earlier = await db.IngestionOperations.AsNoTracking().SingleOrDefaultAsync(
            o => o.OrganizationId == operation.OrganizationId && o.ClientId == operation.ClientId && o.IdempotencyKey == key, ct);
        if (earlier is not null && Fingerprint(IngestionEnvelope.Deserialize(earlier.Envelope)) != Fingerprint(IngestionEnvelope.Deserialize(operation.Envelope)))
        {
            throw new IdempotencyConflictException(
                $"Idempotency-Key '{key}' was used for a different request (operation {earlier.Id}); use a new key for a new request.");
        }
        return earlier;
    }

    /// <summary>What makes two requests the same request, whatever their operation ids and acceptance times.</summary>
    private static string Fingerprint(IngestionEnvelope e) => (e with
    {
        OperationId = "", IdempotencyKey = "", AcceptedAt = default, TraceParent = null, TraceState = null, ModeReason = null,
        Dream = e.Dream is null ? null : e.Dream with { Start = default, End = default },
    }).SerializeToString();

    private static IngestionOperation NewOperation(IngestionEnvelope envelope, string transportName) => new()
    {
        Id = envelope.OperationId,
        OrganizationId = envelope.OrganizationId,
        ClientId = envelope.ClientId,
        UserId = envelope.UserId,
        AgentId = envelope.AgentId,
        Transport = transportName,
        Mode = envelope.Mode,
        MessageCount = envelope.InputMessages.Count,
        IdempotencyKey = envelope.IdempotencyKey == envelope.OperationId ? null : envelope.IdempotencyKey,
        Envelope = envelope.SerializeToString(),
        CreatedAt = envelope.AcceptedAt,
        CreatedById = envelope.ClientId,
    };

    private Task<IngestionOperation> ReloadAsync(string id, CancellationToken ct) =>
        db.IngestionOperations.AsNoTracking().SingleAsync(o => o.Id == id, ct);
}

/// <summary>An idempotency key reused for a different request: 422, and nothing of the new request is kept.</summary>
public sealed class IdempotencyConflictException : Exception
{
    public IdempotencyConflictException(string message) : base(message) { }
    public IdempotencyConflictException() { }
    public IdempotencyConflictException(string message, Exception inner) : base(message, inner) { }
}
