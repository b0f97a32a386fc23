using Mirix.Core.Storage;

namespace Mirix.Api.Infrastructure;

/// <summary>
/// While the database is known to be unreachable, refuses requests at once with the same 503 a failed call would get,
/// instead of letting each spend seconds on connection attempts. Health probes still run, so orchestrators see the outage.
/// </summary>
internal static class StorageOutageMiddleware
{
    public static IApplicationBuilder UseStorageOutageRefusal(this IApplicationBuilder app)
    {
        var outage = app.ApplicationServices.GetRequiredService<StorageOutage>();
        return app.Use(async (context, next) =>
        {
            if (!outage.IsDown || IsHealthProbe(context.Request.Path))
            {
                await next(context);
                return;
            }
            await StorageUnavailableExceptionHandler.RefuseAsync(context, context.RequestServices.GetRequiredService<IProblemDetailsService>(),
                StatusCodes.Status503ServiceUnavailable, StorageUnavailableExceptionHandler.UnavailableTitle,
                "The database stopped answering; requests are refused until it answers again.", exception: null);
        });
    }

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthEndpointPath) || path.StartsWithSegments(ServiceDefaultsExtensions.AlivenessEndpointPath);
}
