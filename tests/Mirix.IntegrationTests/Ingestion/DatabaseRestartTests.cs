using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>PostgreSQL going away and coming back while adds arrive, in the production shape (PostgreSQL and Redis Streams).</summary>
public sealed class DatabaseRestartTests
{
    [Fact]
    public async Task Postgres_restarted_under_load_answers_503_quickly_while_down_and_every_accepted_add_succeeds_once()
    {
        await using var postgres = await PostgresServerProcess.StartAsync();
        var api = new ApiFactory(StorageTarget.Sqlite, settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:mirix"] = postgres.ConnectionString("mirix_restart"),
            ["ConnectionStrings:redis"] = TestServers.Redis,
            ["Mirix:Ingestion:Transport"] = "redis_streams",
            ["Mirix:Ingestion:StreamPrefix"] = "test:pg-restart:" + Guid.NewGuid().ToString("N")[..8],
            ["Mirix:Ingestion:LeaseDuration"] = "00:00:02",
        });
        await api.InitializeAsync();
        try
        {
            var org = await api.Tenants.CreateOrganizationAsync("pg-restart");
            using var writer = await api.Tenants.CreateClientAsync(org, "pr", "pr");
            const int writers = 8, perWriter = 30;
            var accepted = new ConcurrentDictionary<string, string>(); // operation id → idempotency key
            var refusals = new ConcurrentBag<TimeSpan>();
            var refusedWithoutTrying = 0;
            var unexpected = new ConcurrentBag<string>();

            // A client as Mirix.Client behaves: an idempotency key per add, and Retry-After honoured (quicker here).
            async Task WriteAsync(int w)
            {
                for (var i = 0; i < perWriter; i++)
                {
                    while (true)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "/memory/add")
                        {
                            Content = JsonContent.Create(new { user_id = $"user-{w}", mode = "raw", messages = new[] { $"note {i} of writer {w}" } }),
                        };
                        request.Headers.Add("Idempotency-Key", $"w{w}-n{i}");
                        var sent = Stopwatch.StartNew();
                        using var response = await writer.Http.SendAsync(request);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            accepted[(await response.ReadJsonAsync())!["operation_id"]!.GetValue<string>()] = $"w{w}-n{i}";
                            break;
                        }
                        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
                        {
                            refusals.Add(sent.Elapsed);
                            if ((await response.Content.ReadAsStringAsync()).Contains("refused until it answers again", StringComparison.Ordinal))
                            {
                                Interlocked.Increment(ref refusedWithoutTrying);
                            }
                            await Task.Delay(100);
                            continue;
                        }
                        unexpected.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                        return;
                    }
                }
            }

            var load = Task.WhenAll(Enumerable.Range(0, writers).Select(WriteAsync));
            await Eventually.WaitUntilAsync(() => accepted.Count >= 40, "the load is under way");
            await postgres.StopAsync();
            await Eventually.WaitUntilAsync(() => refusals.Count >= writers, "every writer meets the outage");
            await Task.Delay(1000);
            // The health probe is not refused with the rest: it still asks the database, and says which check failed.
            using (var health = await writer.Http.GetAsync("/health"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
                Assert.Contains("database", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            await postgres.RestartAsync();
            await load.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.True(unexpected.IsEmpty, string.Join("\n", unexpected.Take(3)));
            Assert.Equal(writers * perWriter, accepted.Count);
            // "Quickly": a refusal takes the short retries, not Npgsql's minute of back-off.
            Assert.True(refusals.Max() < TimeSpan.FromSeconds(5), $"slowest 503 took {refusals.Max()}");
            // Once one request found the database gone, the others were refused without trying it (and after the
            // restart the probe let them through again: every add above was accepted).
            Assert.True(refusedWithoutTrying > 0, $"{refusals.Count} refusals, none from the outage gate");
            Assert.DoesNotContain(api.ServerErrors.Errors, e => e.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
            await WritersUnderFault.AssertEachNoteFiledOnceAsync(writer.Http, accepted.Keys, writers, perWriter);
        }
        finally
        {
            await ((IAsyncLifetime)api).DisposeAsync();
        }
    }
}
