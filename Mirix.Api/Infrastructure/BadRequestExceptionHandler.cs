using Microsoft.AspNetCore.Diagnostics;

namespace Mirix.Api.Infrastructure;

/// <summary>
/// Request-binding failures (malformed JSON, wrong types, oversized bodies) are the caller's mistake:
/// answer with their 4xx status and say what was wrong, instead of the generic 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "The request is not valid.",
                Detail = (badRequest.InnerException ?? badRequest).Message,
            },
        });
    }
}
