using System.Net;

namespace Mirix.Client;

/// <summary>The server refused or failed a call; <see cref="Detail"/> is the ProblemDetails <c>detail</c> saying why.</summary>
public sealed class MirixApiException : HttpRequestException
{
    /// <summary>A refusal or failure the server answered with <paramref name="status"/>.</summary>
    public MirixApiException(HttpStatusCode status, string detail, string? traceId, TimeSpan? retryAfter)
        : base($"{(int)status} {status}: {detail}", null, status)
    {
        Detail = detail;
        TraceId = traceId;
        RetryAfter = retryAfter;
    }

    /// <summary>A failure with no reason given.</summary>
    public MirixApiException()
        : this(HttpStatusCode.InternalServerError, "", null, null)
    {
    }

    /// <summary>A failure of the call itself, such as an answer without a body.</summary>
    public MirixApiException(string message)
        : this(HttpStatusCode.InternalServerError, message, null, null)
    {
    }

    /// <summary>A failure of the call caused by <paramref name="innerException"/>.</summary>
    public MirixApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Detail = message;
    }

    /// <summary>What the server said was wrong.</summary>
    public string Detail { get; }

    /// <summary>The server's trace id for the call (its logs and traces carry the same).</summary>
    public string? TraceId { get; }

    /// <summary>When the server asked to be called again (503 overload, 429).</summary>
    public TimeSpan? RetryAfter { get; }
}
