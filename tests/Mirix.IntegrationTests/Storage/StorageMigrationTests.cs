using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Mirix.Core.Domain;
using Mirix.Core.Storage;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Storage;

public sealed class StorageMigrationTests
{
    public static TheoryData<StorageTarget> Targets => [StorageTarget.Sqlite, StorageTarget.Postgres];

    [Theory, MemberData(nameof(Targets))]
    public async Task Migration_creates_schema_and_seeds_the_well_known_rows(StorageTarget target)
    {
        await using var storage = await TestStorage.CreateAsync(target);
        await storage.MigrateAsync();

        await using var scope = storage.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var org = await db.Organizations.SingleAsync(o => o.Id == WellKnownIds.DefaultOrganizationId);
        var admin = await db.Users.SingleAsync(u => u.Id == WellKnownIds.AdminUserId);
        var client = await db.Clients.SingleAsync(c => c.Id == WellKnownIds.DefaultClientId);
        Assert.Equal(WellKnownIds.DefaultOrganizationName, org.Name);
        Assert.Equal(WellKnownIds.AdminUserName, admin.Name);
        Assert.True(admin.IsAdmin);
        Assert.Equal(WellKnownIds.DefaultTimezone, admin.Timezone);
        Assert.Null(client.WriteScope);
        Assert.Empty(client.ReadScopes);
    }

    [Fact]
    public async Task Migration_creates_a_postgres_database_that_does_not_exist_yet()
    {
        await using var storage = await TestStorage.CreateAsync(StorageTarget.Postgres, createDatabase: false);

        await Task.WhenAll(storage.MigrateAsync(), storage.MigrateAsync());

        await using var scope = storage.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await db.Clients.AnyAsync(c => c.Id == WellKnownIds.DefaultClientId));
    }

    [Theory, MemberData(nameof(Targets))]
    public async Task Migration_is_idempotent_and_safe_to_run_concurrently(StorageTarget target)
    {
        await using var storage = await TestStorage.CreateAsync(target);
        await Task.WhenAll(storage.MigrateAsync(), storage.MigrateAsync());
        await storage.MigrateAsync();

        await using var scope = storage.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
        Assert.Equal(1, await db.Organizations.CountAsync());
        Assert.Equal(1, await db.Clients.CountAsync());
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Theory, MemberData(nameof(Targets))]
    public async Task Rows_round_trip_with_utc_timestamps_from_the_clock_lists_and_soft_delete(StorageTarget target)
    {
        var now = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        await using var storage = await TestStorage.CreateAsync(target, new FixedTimeProvider(now));
        await storage.MigrateAsync();

        await using (var scope = storage.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            db.Clients.Add(new Core.Domain.Client
            {
                Id = "client-roundtrip",
                OrganizationId = WellKnownIds.DefaultOrganizationId,
                Name = "round trip",
                WriteScope = "app",
                ReadScopes = ["app", "shared"],
            });
            db.Clients.Add(new Core.Domain.Client { Id = "client-gone", OrganizationId = WellKnownIds.DefaultOrganizationId, Name = "gone", IsDeleted = true });
            await db.SaveChangesAsync();
        }

        await using (var scope = storage.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MirixDbContext>();
            var client = await db.Clients.SingleAsync(c => c.Id == "client-roundtrip");
            Assert.Equal(["app", "shared"], client.ReadScopes);
            Assert.Equal(now.UtcDateTime, client.CreatedAt);
            Assert.Equal(DateTimeKind.Utc, client.CreatedAt.Kind);
            Assert.Equal(now.UtcDateTime, client.UpdatedAt);
            Assert.False(await db.Clients.AnyAsync(c => c.Id == "client-gone"));
            Assert.True(await db.Clients.IgnoreQueryFilters().AnyAsync(c => c.Id == "client-gone"));
        }
    }

    [Theory, MemberData(nameof(Targets))]
    public async Task Health_is_unhealthy_until_migrated_then_healthy(StorageTarget target)
    {
        await using var storage = await TestStorage.CreateAsync(target);
        var health = storage.Services.GetRequiredService<HealthCheckService>();

        var before = await health.CheckHealthAsync(r => r.Name == StorageRegistration.HealthCheckName);
        await storage.MigrateAsync();
        var after = await health.CheckHealthAsync(r => r.Name == StorageRegistration.HealthCheckName);

        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Equal(HealthStatus.Healthy, after.Status);
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
