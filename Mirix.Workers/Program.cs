using Mirix.Core.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMirixCore();

var app = builder.Build();

app.UseTraceIdHeader();
app.MapDefaultEndpoints("mirix-workers");

await app.RunAsync();
