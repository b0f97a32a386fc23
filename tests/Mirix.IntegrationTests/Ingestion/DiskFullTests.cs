using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>The embedded default's data folder running out of space, and the space coming back.</summary>
public sealed class DiskFullTests
{
    [Fact]
    public async Task A_full_data_disk_is_a_507_corrupts_nothing_and_accepted_adds_finish_when_space_returns()
    {
        await using var disk = await SmallDisk.MountAsync(megabytes: 24);
        var api = new ApiFactory(StorageTarget.Sqlite, dataDirectory: disk.Path);
        await api.InitializeAsync();
        try
        {
            var org = await api.Tenants.CreateOrganizationAsync("disk-full");
            using var writer = await api.Tenants.CreateClientAsync(org, "df", "df");
            var accepted = new List<(string Operation, string Note)>();
            async Task<HttpResponseMessage> AddAsync(string note) =>
                await writer.Http.PostAsJsonAsync("/memory/add", new { user_id = "dana", mode = "raw", messages = new[] { note } });

            for (var i = 0; i < 5; i++)
            {
                using var response = await AddAsync($"note {i} before the disk filled");
                accepted.Add(((await response.ReadJsonAsync())!["operation_id"]!.GetValue<string>(), $"note {i} before the disk filled"));
            }
            foreach (var (operation, _) in accepted)
            {
                await OperationPolling.WaitForAsync(writer.Http, operation, "succeeded");
            }

            var filler = await disk.FillAsync();
            HttpStatusCode status = HttpStatusCode.OK;
            string detail = "";
            var unavailable = 0;
            // On a filling disk a write can also fail as "database unavailable" (503 with Retry-After; seen once in a full
            // run on a loaded machine), which a client retries, as this loop does, until the disk is plainly full.
            for (var i = 0; i < 400 && status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable; i++)
            {
                var note = $"note {i} while the disk fills " + new string('x', 16_000);
                using var response = await AddAsync(note);
                status = response.StatusCode;
                if (status == HttpStatusCode.OK)
                {
                    accepted.Add(((await response.ReadJsonAsync())!["operation_id"]!.GetValue<string>(), note));
                }
                else
                {
                    detail = await response.Content.ReadAsStringAsync();
                    Assert.NotNull(response.Headers.RetryAfter);
                    Assert.True(++unavailable <= 20 || status != HttpStatusCode.ServiceUnavailable, $"503 twenty times on a filling disk: {detail}");
                }
            }
            Assert.Equal(HttpStatusCode.InsufficientStorage, status);
            Assert.Contains("storage is full", detail, StringComparison.Ordinal);
            // Reads still work on a full disk.
            using (var read = await writer.Http.GetAsync(new Uri("/memory/search?user_id=dana&memory_type=raw&query=note&search_method=bm25", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            }

            File.Delete(filler);
            foreach (var (operation, _) in accepted)
            {
                await OperationPolling.WaitForAsync(writer.Http, operation, "succeeded");
            }
            using (var after = await AddAsync("note after the space came back"))
            {
                Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            }
            var stored = new HashSet<string>(StringComparer.Ordinal);
            string? cursor = null;
            do
            {
                var page = (await writer.Http.PostJsonAsync("/memory/search_raw?user_id=dana", new { limit = 100, cursor }))!;
                stored.UnionWith(page["items"]!.AsArray().Select(m => m!["context"]!.GetValue<string>()));
                cursor = page["cursor"]?.GetValue<string>();
            }
            while (cursor is not null);
            Assert.All(accepted, a => Assert.Contains("[USER] " + a.Note, stored));
            Assert.Equal(accepted.Count, stored.Count(s => !s.Contains("after the space", StringComparison.Ordinal)));

            await using var check = new SqliteConnection($"Data Source={Path.Combine(disk.Path, "mirix.db")}");
            await check.OpenAsync();
            await using var integrity = check.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await integrity.ExecuteScalarAsync() as string);
        }
        finally
        {
            await ((IAsyncLifetime)api).DisposeAsync();
        }
    }
}
