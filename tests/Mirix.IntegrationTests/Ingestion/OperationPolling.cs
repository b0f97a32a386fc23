using System.Text.Json.Nodes;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Ingestion;

internal static class OperationPolling
{
    /// <summary>Polls <c>GET /memory/operations/{id}</c> until the operation has one of <paramref name="statuses"/>.</summary>
    public static async Task<JsonNode> WaitForAsync(HttpClient http, string operationId, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var operation = (await http.GetJsonAsync($"/memory/operations/{operationId}"))!;
            var status = operation["status"]!.GetValue<string>();
            if (statuses.Contains(status))
            {
                return operation;
            }
            Assert.True(DateTime.UtcNow < deadline, $"operation {operationId} is still {status}: {operation.ToJsonString()}");
            await Task.Delay(25);
        }
    }
}
