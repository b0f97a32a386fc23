using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>Whole processes and servers going away with messages in flight.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task The_embedded_server_stopped_mid_message_finishes_it_after_restart_from_its_journal()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("mirix-restart-").FullName;
        try
        {
            string apiKey, operationId;
            var first = new SqliteRestartHost(dataDirectory);
            await first.InitializeAsync();
            try
            {
                var org = await first.Tenants.CreateOrganizationAsync("restart");
                using var writer = await first.Tenants.CreateClientAsync(org, "r", "r");
                apiKey = writer.Http.DefaultRequestHeaders.GetValues("X-API-Key").Single();
                first.Control.Close(); // the message is in the handler when the server stops
                operationId = (await writer.Http.PostJsonAsync("/memory/add", new { user_id = "kim", mode = "raw", messages = new[] { "Kim's bike is blue." } }))!["operation_id"]!.GetValue<string>();
                await Eventually.WaitUntilAsync(() => first.Control.Runs > 0, "the message is in the handler");
            }
            finally
            {
                await ((IAsyncLifetime)first).DisposeAsync();
            }

            var second = new SqliteRestartHost(dataDirectory);
            await second.InitializeAsync();
            try
            {
                using var http = second.CreateClient();
                http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
                var operation = await OperationPolling.WaitForAsync(http, operationId, "succeeded");
                Assert.Equal(2, operation["attempts"]!.GetValue<int>());
                var memories = (await http.PostJsonAsync("/memory/search_raw?user_id=kim", new { }))!["items"]!.AsArray();
                Assert.Equal("[USER] Kim's bike is blue.", Assert.Single(memories)!["context"]!.GetValue<string>());
            }
            finally
            {
                await ((IAsyncLifetime)second).DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Redis_restarted_under_load_loses_no_accepted_message_and_refuses_with_503_while_down()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var api = new ApiFactory(StorageTarget.Postgres, redis: redis.Address);
        await api.InitializeAsync();
        try
        {
            var org = await api.Tenants.CreateOrganizationAsync("redis-restart");
            using var writer = await api.Tenants.CreateClientAsync(org, "rr", "rr");
            const int writers = 8, perWriter = 25;
            var accepted = new ConcurrentDictionary<string, string>(); // operation id → user
            var refused = 0;
            var unexpected = new ConcurrentBag<string>();

            async Task WriteAsync(int w)
            {
                for (var i = 0; i < perWriter; i++)
                {
                    while (true)
                    {
                        using var response = await writer.Http.PostAsJsonAsync("/memory/add", new { user_id = $"user-{w}", mode = "raw", messages = new[] { $"note {i} of writer {w}" } });
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            accepted[(await response.ReadJsonAsync())!["operation_id"]!.GetValue<string>()] = $"user-{w}";
                            break;
                        }
                        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
                        {
                            Interlocked.Increment(ref refused);
                            await Task.Delay(100); // a client honouring Retry-After, quicker
                            continue;
                        }
                        unexpected.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                        return;
                    }
                }
            }

            var load = Task.WhenAll(Enumerable.Range(0, writers).Select(WriteAsync));
            await Eventually.WaitUntilAsync(() => accepted.Count >= 40, "the load is under way");
            await redis.StopAsync();
            var refusedWhileDown = await ProbeUntilRefusedAsync(writer.Http);
            // Redis is down rather than blinking now: an add is refused without waiting for a reconnect.
            using (var whileDown = await writer.Http.PostAsJsonAsync("/memory/add", new { user_id = "probe", mode = "raw", messages = new[] { "probe" } }))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.StatusCode);
                Assert.Contains("refused at once until it reconnects", await whileDown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            await Task.Delay(500);
            await redis.RestartAsync();
            await load.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.True(unexpected.IsEmpty, string.Join("\n", unexpected.Take(2)) + "\nserver errors:\n"
                + string.Join("\n", api.ServerErrors.Errors.Where(e => e.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)).Take(3)));
            Assert.True(refusedWhileDown, "no 503 while Redis was down");
            Assert.True(Volatile.Read(ref refused) > 0);
            Assert.Equal(writers * perWriter, accepted.Count);
            await WritersUnderFault.AssertEachNoteFiledOnceAsync(writer.Http, accepted.Keys, writers, perWriter);
        }
        finally
        {
            await ((IAsyncLifetime)api).DisposeAsync();
        }
    }

    private static async Task<bool> ProbeUntilRefusedAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.PostAsJsonAsync("/memory/add", new { user_id = "probe", mode = "raw", messages = new[] { "probe" } });
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return true;
            }
            await Task.Delay(50);
        }
        return false;
    }

    private sealed class SqliteRestartHost(string dataDirectory) : ControlledHandlerApiFactory(StorageTarget.Sqlite, dataDirectory: dataDirectory);
}
