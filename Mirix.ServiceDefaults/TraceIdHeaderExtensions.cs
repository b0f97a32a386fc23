using System.Diagnostics;
using Microsoft.AspNetCore.Builder;

namespace Microsoft.Extensions.Hosting;

public static class TraceIdHeaderExtensions
{
    public const string HeaderName = "X-Trace-Id";

    /// <summary>Returns the W3C trace id of every request so a caller can quote it when reporting a problem.</summary>
    public static IApplicationBuilder UseTraceIdHeader(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (Activity.Current is { } activity)
                {
                    context.Response.Headers[HeaderName] = activity.TraceId.ToHexString();
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
}
