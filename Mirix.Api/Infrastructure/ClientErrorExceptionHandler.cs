using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Mirix.Core.Tenancy;
using Npgsql;

namespace Mirix.Api.Infrastructure;

/// <summary>
/// Failures that are the caller's mistake get their 4xx and say what was wrong, instead of the generic 500:
/// request binding (400 for JSON that cannot be read; 422, as FastAPI answers, for a missing or wrongly typed value or an
/// unknown field; 413 for oversized bodies), ids that belong to another tenant, an idempotency key
/// reused for a different request, and text PostgreSQL
/// cannot store (NUL characters, over-long values) that slipped past validation.
/// </summary>
internal sealed class ClientErrorExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException badRequest => (BindingStatus(badRequest), (badRequest.InnerException ?? badRequest).Message),
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

    private static int BindingStatus(BadHttpRequestException badRequest) =>
        badRequest.StatusCode != StatusCodes.Status400BadRequest ? badRequest.StatusCode
        // System.Text.Json wraps its reader's syntax errors in a second JsonException: the body is not JSON.
        : badRequest.InnerException is JsonException { InnerException: JsonException } ? StatusCodes.Status400BadRequest
        : StatusCodes.Status422UnprocessableEntity;
}
