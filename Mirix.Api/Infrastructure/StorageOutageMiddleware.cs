using Mirix.Core.Storage;

namespace Mirix.Api.Infrastructure;

/// <summary>
/// While the database is known to be unreachable, refuses requests at once with the same 503 a failed call would get,
/// instead of letting each spend seconds on connection attempts. Health probes still run, so orchestrators see the outage.
/// </summary>
internal static class StorageOutageMiddleware
{
    public static IApplicationBuilder UseStorageOutageRefusal(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var outage = context.RequestServices.GetRequiredService<StorageOutage>();
            if (!outage.IsDown || IsHealthProbe(context.Request.Path))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = StorageUnavailableExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = StorageUnavailableExceptionHandler.UnavailableTitle,
                    Detail = "The database stopped answering; requests are refused until it answers again.",
                },
            });
        });

    private static bool IsHealthProbe(PathString path) => 
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthEndpointPath) || path.StartsWithSegments(ServiceDefaultsExtensions.AlivenessEndpointPath);
}
