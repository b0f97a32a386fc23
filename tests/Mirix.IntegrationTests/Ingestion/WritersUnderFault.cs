using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>What a fault test under load checks last: every accepted add succeeded, and each writer's notes were filed once.</summary>
internal static class WritersUnderFault
{
    public static async Task AssertEachNoteFiledOnceAsync(HttpClient http, IEnumerable<string> acceptedOperations, int writers, int perWriter)
    {
        foreach (var operationId in acceptedOperations)
        {
            await OperationPolling.WaitForAsync(http, operationId, "succeeded");
        }
        for (var w = 0; w < writers; w++)
        {
            var items = (await http.PostJsonAsync($"/memory/search_raw?user_id=user-{w}", new { limit = 100 }))!["items"]!.AsArray();
            var notes = items.Select(m => m!["context"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(Enumerable.Range(0, perWriter).Select(i => $"[USER] note {i} of writer {w}").Order(StringComparer.Ordinal), notes);
        }
    }
}
