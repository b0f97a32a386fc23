using Microsoft.Extensions.Options;

namespace Mirix.Api.Infrastructure;

/// <summary>
/// Refuses a declared oversized body with 413 at once. Kestrel's own limit (set from the same option) covers chunked
/// bodies; this also covers hosts without it, and says what the limit is.
/// </summary>
internal static class RequestSizeLimitMiddleware
{
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "The request body is too large.",
                        Detail = $"The body has {context.Request.ContentLength} bytes; the limit is {limit} (Mirix:Api:MaxRequestBodyBytes).",
                    },
                });
                return;
            }
            await next(context);
        });
}
