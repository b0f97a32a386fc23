using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Mirix.Core.Ingestion;
using Mirix.IntegrationTests.Infrastructure;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>The consumer continues the trace of the request that queued the message: one trace from Api to worker.</summary>
public sealed class TracePropagationTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task The_consumer_span_belongs_to_the_trace_of_the_add_request()
    {
        var spans = new ConcurrentDictionary<string, ActivityTraceId>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == IngestionProcessor.TelemetryName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            // Other tests' hosts share the process and its sources: only spans of one operation are kept.
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("mirix.operation_id") is string operation)
                {
                    spans[operation] = activity.TraceId;
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var org = await api.Tenants.CreateOrganizationAsync("trace");
        using var writer = await api.Tenants.CreateClientAsync(org, "trace", "trace");

        using var response = await writer.Http.PostAsJsonAsync("/memory/add", new { user_id = "mia", mode = "raw", messages = new[] { "traced" } });
        var operationId = (await response.ReadJsonAsync())!["operation_id"]!.GetValue<string>();
        await OperationPolling.WaitForAsync(writer.Http, operationId, "succeeded");

        var requestTrace = response.Headers.GetValues("X-Trace-Id").Single();
        await Eventually.WaitUntilAsync(() => spans.ContainsKey(operationId), "the consumer span was recorded");
        Assert.Equal(requestTrace, spans[operationId].ToHexString());
    }
}
