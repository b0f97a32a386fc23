using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mirix.Core.Domain;
using Mirix.Core.Storage;

namespace Mirix.Core.Ingestion;

/// <summary>
/// The in-process queue lives in memory, its journal in the database: at start-up every in-process operation that had not
/// finished is queued again, oldest first, so a crash or a restart loses nothing. Redeliveries of work that did finish are
/// recognised by the processor.
/// </summary>
public static partial class InProcessRecovery
{
    public static async Task<int> RequeueUnfinishedAsync(IServiceScopeFactory scopes, IIngestionTransport transport, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(transport);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        var unfinished = await db.IngestionOperations.AsNoTracking()
            .Where(o => o.Transport == TransportNames.InProcess
                && (o.Status == OperationStatus.Queued || o.Status == OperationStatus.Running || o.Status == OperationStatus.Failed))
            .OrderBy(o => o.CreatedAt)
            .Select(o => o.Envelope)
            .ToListAsync(ct);
        var requeued = 0;
        foreach (var envelope in unfinished)
        {
            try
            {
                await transport.PublishAsync(IngestionEnvelope.Deserialize(envelope), ct);
                requeued++;
            }
            catch (IngestionUnavailableException)
            {
                break; // full: the rest wait for the next start
            }
        }
        if (unfinished.Count > 0)
        {
            LogRequeued(logger, requeued, unfinished.Count);
        }
        return requeued;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Requeued} of {Unfinished} unfinished in-process operations again")]
    private static partial void LogRequeued(ILogger logger, int requeued, int unfinished);
}
