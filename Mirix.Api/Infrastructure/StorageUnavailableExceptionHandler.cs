using Microsoft.AspNetCore.Diagnostics;
using Mirix.Core.Storage;

namespace Mirix.Api.Infrastructure;

/// <summary>
/// The database down, restarting or out of space is the server's state, not a bug: 503 with Retry-After (or 507 for a full
/// disk), said plainly, so callers retry instead of reporting a crash. Nothing was written: every write commits whole or not at all.
/// </summary>
internal sealed partial class StorageUnavailableExceptionHandler(
    IProblemDetailsService problemDetails, StorageOutage outage, ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 2;
    internal const string UnavailableTitle = "The database is unavailable; nothing was written. Try again shortly.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = StorageFailures.IsOutOfSpace(exception)
            ? (StatusCodes.Status507InsufficientStorage, "The server's storage is full; nothing was written.")
            : StorageFailures.IsUnavailable(exception)
                ? (StatusCodes.Status503ServiceUnavailable, UnavailableTitle)
                : (0, "");
        if (status == 0)
        {
            return false;
        }
        if (StorageFailures.IsUnreachable(exception))
        {
            outage.ReportUnreachable();
        }
        LogStorageFailure(httpContext.Request.Path, status, exception.GetBaseException().Message);
        return await RefuseAsync(httpContext, problemDetails, status, title, detail: null, exception);
    }

    /// <summary>The answer to a request the database cannot serve now: the status, <c>Retry-After</c> and ProblemDetails.</summary>
    internal static ValueTask<bool> RefuseAsync(
        HttpContext httpContext, IProblemDetailsService problemDetails, int status, string title, string? detail, Exception? exception)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    // One line, not a stack trace per request: during an outage every request fails the same way.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} answered {Status}: {Reason}")]
    private partial void LogStorageFailure(string path, int status, string reason);
}
