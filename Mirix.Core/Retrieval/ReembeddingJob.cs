using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mirix.Core.Memory;
using Mirix.Core.Storage;

namespace Mirix.Core.Retrieval;

/// <summary>
/// Keeps every memory searchable by the configured model: at start-up and then every <see cref="EmbeddingOptions.ReembedInterval"/>
/// it embeds, in batches, the memories that have no vector of the current model (after a model change: all of them) and drops
/// their vectors of other models. Until a memory is re-embedded, embedding search skips it (vectors of different models are
/// never compared) while text search still finds it.
/// </summary>
public sealed partial class ReembeddingJob(
    IServiceScopeFactory scopes, EmbeddingOptions options, ReembeddingStatus status, TimeProvider time, ILogger<ReembeddingJob> logger) : BackgroundService
{
    private const int BatchSize = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Provider == "none")
        {
            return;
        }
        using var timer = new PeriodicTimer(options.ReembedInterval, time);
        do
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // a failed pass is reported and tried again at the next interval
            catch (Exception e)
#pragma warning restore CA1031
            {
                status.Failed(time.GetUtcNow().UtcDateTime, e.Message);
                LogPassFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PassAsync(CancellationToken ct)
    {
        string model;
        int tableCount;
        await using (var probe = scopes.CreateAsyncScope())
        {
            model = probe.ServiceProvider.GetRequiredService<MemoryIndexer>().Model!;
            tableCount = MemoryPurge.Tables(probe.ServiceProvider.GetRequiredService<MirixDbContext>()).Count();
        }
        status.Started(model, time.GetUtcNow().UtcDateTime);
        for (var table = 0; table < tableCount; table++)
        {
            string? after = null;
            while (await ReembedBatchAsync(table, model, after, ct) is { } last)
            {
                after = last;
            }
        }
        status.Finished(time.GetUtcNow().UtcDateTime);
        if (status.Current.ReembeddedInPass > 0)
        {
            LogPassDone(status.Current.ReembeddedInPass, model);
        }
    }

    /// <summary>Embeds the next batch of one memory table after <paramref name="after"/>; returns its last id, or null when none is left.</summary>
    private async Task<string?> ReembedBatchAsync(int table, string model, string? after, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        // Keyset over ids: a memory with no text to embed is passed once per pass, not looked at for ever.
        var batch = await MemoryPurge.Tables(db).ElementAt(table)
            .Where(m => (after == null || m.Id.CompareTo(after) > 0) && !db.MemoryEmbeddings.Any(e => e.MemoryId == m.Id && e.Model == model))
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
        if (batch.Count == 0)
        {
            return null;
        }
        await scope.ServiceProvider.GetRequiredService<MemoryIndexer>().IndexAsync(batch, ct);
        var ids = batch.ConvertAll(m => m.Id);
        db.MemoryEmbeddings.RemoveRange(await db.MemoryEmbeddings.Where(e => ids.Contains(e.MemoryId) && e.Model != model).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        status.Progressed(batch.Count);
        return batch[^1].Id;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {Count} memories with {Model}")]
    private partial void LogPassDone(int count, string model);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-embedding pass failed; trying again at the next interval")]
    private partial void LogPassFailed(Exception exception);
}
