using Microsoft.AspNetCore.Diagnostics;
using Mirix.Core.Ingestion;

namespace Mirix.Api.Infrastructure;

/// <summary>
/// A queue that cannot keep a message (full, or its broker down) is answered 503 with Retry-After: the caller knows it
/// was not accepted and when to try again, instead of a message accepted and lost.
/// </summary>
internal sealed class QueueUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not IngestionUnavailableException unavailable)
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "The memory queue cannot take messages now.", Detail = unavailable.Message },
        });
    }
}
