using Microsoft.AspNetCore.Diagnostics;
using Mirix.Core.Tenancy;
using Npgsql;

namespace Mirix.Api.Infrastructure;

/// <summary>
/// Failures that are the caller's mistake get their 4xx and say what was wrong, instead of the generic 500:
/// request binding (malformed JSON, wrong types, oversized bodies), ids that belong to another tenant, an idempotency key
/// reused for a different request, and text PostgreSQL
/// cannot store (NUL characters, over-long values) that slipped past validation.
/// </summary>
internal sealed class ClientErrorExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException badRequest => (badRequest.StatusCode, (badRequest.InnerException ?? badRequest).Message),
            TenantConflictException conflict => (StatusCodes.Status409Conflict, conflict.Message),
            Core.Ingestion.IdempotencyConflictException reused => (StatusCodes.Status422UnprocessableEntity, reused.Message),
            _ when exception.GetBaseException() is PostgresException { SqlState: "22021" or "22P05" or "22001" } invalid =>
                (StatusCodes.Status400BadRequest, "The request holds a value the database cannot store: " + invalid.MessageText),
            _ => (0, ""),
        };
        if (status == 0)
        {
            return false;
        }
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = "The request cannot be served as sent.", Detail = detail },
        });
    }
}
