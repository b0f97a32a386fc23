using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Mirix.Agents.Llm;

namespace Mirix.Api.Infrastructure;

/// <summary>
/// A request that waited on the model and did not get an answer: 504 when the model did not answer in time, 502 when it
/// answered with an error, 503 with Retry-After when too many calls were already waiting. Never a 500: the server is fine.
/// </summary>
internal sealed class LlmFailureExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            LlmOverloadedException => (StatusCodes.Status503ServiceUnavailable, "Too many model calls are waiting."),
            LlmCallFailedException { TimedOut: true } => (StatusCodes.Status504GatewayTimeout, "The model did not answer in time."),
            LlmCallFailedException => (StatusCodes.Status502BadGateway, "The model server failed."),
            _ => (0, ""),
        };
        if (status == 0)
        {
            return false;
        }
        if (exception is LlmOverloadedException overloaded)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(overloaded.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = exception.Message },
        });
    }
}
