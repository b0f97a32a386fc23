using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Mirix.Agents;
using Mirix.Api.Auth;
using Mirix.Core.Hosting;

namespace Mirix.Api.Infrastructure;

public static class ApiRegistration
{
    /// <summary>The service name MIRIX reports from <c>/health</c>.</summary>
    public const string ServiceName = "mirix-api";

    /// <summary>MIRIX's own port, used when nothing else (ASPNETCORE_URLS, --urls, Kestrel endpoints) names one.</summary>
    public const string DefaultUrl = "http://localhost:8531";

    public static void UseMirixDefaultPort(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["urls"] ?? builder.Configuration["http_ports"];
        if (string.IsNullOrWhiteSpace(configured) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }

    public static void AddMirixApi(this WebApplicationBuilder builder)
    {
        var runtime = builder.AddMirixCore();
        builder.AddMirixAgents();
        builder.AddMirixAuth(runtime.Storage);

        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // MIRIX speaks snake_case JSON (the Python SDK rejects camelCase); the contracts say how.
            MirixJson.Configure(o.SerializerOptions);
            // A misspelt field is an error the caller should hear about, not a value silently dropped.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.Configure<RequestLimitOptions>(builder.Configuration.GetSection(RequestLimitOptions.Section));
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue(RequestLimitOptions.Section + ":MaxRequestBodyBytes", RequestLimitOptions.DefaultMaxBytes));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // The same id as the X-Trace-Id header and the logs, rather than ASP.NET's full traceparent.
            var activity = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity;
            context.ProblemDetails.Extensions.Remove("traceId");
            context.ProblemDetails.Extensions["trace_id"] = activity?.TraceId.ToHexString();
        });
        builder.Services.AddExceptionHandler<ClientErrorExceptionHandler>();
        builder.Services.AddExceptionHandler<QueueUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        builder.Services.AddExceptionHandler<LlmFailureExceptionHandler>();
        builder.Services.AddOpenApi(OpenApiConventions.Configure);
        builder.Services.AddHttpContextAccessor();
        // Stateless: every MCP request is authenticated and scoped on its own, like a REST call.
        builder.Services.AddMcpServer().WithHttpTransport(o => o.Stateless = true).WithTools<Mcp.MemoryMcpTools>();
    }
}
