using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Mirix.Core.Hosting;
using Mirix.Core.Storage;

namespace Mirix.Api.Infrastructure;

internal static partial class StartupReport
{
    /// <summary>Once listening, says in one line where the API answers and where its data lives.</summary>
    public static void ReportStartup(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var runtime = app.Services.GetRequiredService<MirixRuntime>();
            LogListening(app.Logger, string.Join(", ", addresses), runtime.Describe());
            if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Auth.AuthOptions>>().Value.AllowClientHeaders)
            {
                LogClientHeaders(app.Logger);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mirix.NET API listening on {Addresses} ({Runtime}); API reference at /scalar; memory browser: dotnet run --project Mirix.Web, then http://localhost:8533")]
    private static partial void LogListening(ILogger logger, string addresses, string runtime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mirix:Auth:AllowClientHeaders is on: any caller can act as any client by sending X-Client-Id and X-Org-Id. Use it only on a machine nobody else can reach.")]
    private static partial void LogClientHeaders(ILogger logger);
}
