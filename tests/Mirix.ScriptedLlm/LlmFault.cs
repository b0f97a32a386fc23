namespace Mirix.ScriptedLlm;

/// <summary>A misbehaviour the server plays once, on the next request that offers <see cref="ForTool"/> (any request when null).</summary>
public sealed record LlmFault(LlmFaultKind Kind, string? ForTool = null, int RetryAfterSeconds = 1);

public enum LlmFaultKind
{
    /// <summary>429 with Retry-After.</summary>
    RateLimited,
    /// <summary>500.</summary>
    ServerError,
    /// <summary>A text answer instead of a tool call.</summary>
    Text,
    /// <summary>A tool call whose arguments are not JSON.</summary>
    MalformedArguments,
    /// <summary>No answer until the client gives up.</summary>
    Hang,
}
