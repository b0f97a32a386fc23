using Mirix.Agents;
using Mirix.Core.Hosting;
using Mirix.Core.Ingestion;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMirixCore();
builder.AddMirixAgents();

// The in-process queue lives inside the Api; a separate worker process can only consume a shared transport.
var transport = builder.Configuration[IngestionOptions.Section + ":Transport"] ?? TransportNames.InProcess;
if (transport == TransportNames.InProcess)
{
    Console.Error.WriteLine(
        $"Mirix.Workers consumes a shared queue: set {IngestionOptions.Section}:Transport to {TransportNames.RedisStreams} or {TransportNames.Kafka}. " +
        "With the in-process queue the Api runs the consumers itself.");
    return 2;
}

var app = builder.Build();

app.UseTraceIdHeader();
app.MapDefaultEndpoints("mirix-workers");

await app.RunAsync();
return 0;
