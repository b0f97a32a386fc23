using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Storage;

/// <summary>The raw-memory TTL job on its timer, with the clock moved by the test.</summary>
public sealed class RawMemoryRetentionTests
{
    public static TheoryData<StorageTarget> Targets => [StorageTarget.Sqlite, StorageTarget.Postgres];

    [Theory, MemberData(nameof(Targets))]
    public async Task The_periodic_job_deletes_raw_memories_not_updated_within_the_retention_period(StorageTarget target)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var storage = await TestStorage.CreateAsync(target, time, services: s => s.AddScoped<RawMemoryCleanup>());
        await storage.MigrateAsync();
        await AddRawMemoryAsync(storage, "raw_mem_stale");
        time.Advance(TimeSpan.FromDays(10));
        await AddRawMemoryAsync(storage, "raw_mem_fresh");

        var job = new RawMemoryCleanupJob(storage.Services.GetRequiredService<IServiceScopeFactory>(),
            new RawMemoryRetentionOptions { RetentionDays = 14, CleanupInterval = TimeSpan.FromHours(1) }, time, NullLogger<RawMemoryCleanupJob>.Instance);
        await job.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(300); // the first run, at day 10: nothing is old enough
            Assert.Equal(["raw_mem_fresh", "raw_mem_stale"], await RemainingAsync(storage));

            time.Advance(TimeSpan.FromDays(5)); // day 15: the first memory is 15 days old, the second 5
            await Eventually.WaitUntilAsync(async () => (await RemainingAsync(storage)).Count < 2, "the job deleted the stale memory");
            Assert.Equal(["raw_mem_fresh"], await RemainingAsync(storage));
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }
    }

    private static async Task AddRawMemoryAsync(TestStorage storage, string id)
    {
        await using var scope = storage.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        db.RawMemories.Add(new RawMemory
        {
            Id = id,
            OrganizationId = WellKnownIds.DefaultOrganizationId,
            UserId = WellKnownIds.AdminUserId,
            Scope = "s",
            Context = id,
        });
        await db.SaveChangesAsync();
    }

    private static async Task<List<string>> RemainingAsync(TestStorage storage)
    {
        await using var scope = storage.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        return await db.RawMemories.Select(r => r.Id).OrderBy(id => id).ToListAsync();
    }
}
