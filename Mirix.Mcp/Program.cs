using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mirix.Mcp;
using ModelContextProtocol.Client;

var options = LauncherOptions.Parse(args, Environment.GetEnvironmentVariable);
if (options.Error is { } error)
{
    await Console.Error.WriteLineAsync(error + "\n\n" + LauncherOptions.Usage);
    return 2;
}

// The server's tools, with the key's tenancy: the remote /mcp decides what this key may see and do.
await using var remote = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
{
    Endpoint = options.Endpoint!,
    TransportMode = HttpTransportMode.StreamableHttp,
    AdditionalHeaders = new Dictionary<string, string> { ["X-API-Key"] = options.ApiKey! },
}));

var builder = Host.CreateApplicationBuilder();
// Standard output carries the protocol: every log line goes to standard error.
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "mirix-mcp", Version = typeof(LauncherOptions).Assembly.GetName().Version?.ToString() ?? "0" })
    .WithStdioServerTransport()
    .WithListToolsHandler(async (request, ct) => await remote.ListToolsAsync(request.Params ?? new(), ct))
    .WithCallToolHandler(async (request, ct) => await remote.CallToolAsync(request.Params!, ct));
await builder.Build().RunAsync();
return 0;
