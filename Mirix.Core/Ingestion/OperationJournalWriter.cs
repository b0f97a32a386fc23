using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Ingestion;

/// <summary>
/// Journals accepted operations by group commit: the rows of concurrent requests go to the database in one insert and
/// one transaction, and each request continues once its own row is committed. Durability is the same as a row per
/// request; the database sees one round trip per batch instead of one per request.
/// </summary>
public sealed partial class OperationJournalWriter(IServiceScopeFactory scopes, ILogger<OperationJournalWriter> logger) : BackgroundService
{
    private const int MaxBatch = 256;

    private sealed record Pending(IngestionOperation Operation, TaskCompletionSource Committed);

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes when the row is committed. Not cancellable: once handed over, the row is written either way.</summary>
    public Task WriteAsync(IngestionOperation operation)
    {
        var pending = new Pending(operation, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new IngestionUnavailableException("The server is shutting down; retry against another instance.", TimeSpan.FromSeconds(1));
        }
        return pending.Committed.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var stopping = stoppingToken.Register(() => _pending.Writer.TryComplete());
        var batch = new List<Pending>(MaxBatch);
        // Drains what was handed over before stopping: those callers are waiting for their rows.
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            await InsertAsync(batch.ConvertAll(p => p.Operation));
            batch.ForEach(p => p.Committed.TrySetResult());
            return;
        }
#pragma warning disable CA1031 // a failed batch is retried row by row, so one bad row fails only its own request
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBatchFailed(e, batch.Count);
        }
        foreach (var pending in batch)
        {
            try
            {
                await InsertAsync([pending.Operation]);
                pending.Committed.TrySetResult();
            }
#pragma warning disable CA1031 // the caller gets the failure
            catch (Exception e)
#pragma warning restore CA1031
            {
                pending.Committed.TrySetException(e);
            }
        }
    }

    private async Task InsertAsync(List<IngestionOperation> operations)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        db.IngestionOperations.AddRange(operations);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journaling a batch of {Count} operations failed; writing them one by one")]
    private partial void LogBatchFailed(Exception exception, int count);
}
