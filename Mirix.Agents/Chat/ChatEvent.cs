using System.Text.Json.Nodes;

namespace Mirix.Agents.Chat;

/// <summary>What a chat turn reports as it goes: answer text, tool calls and their results, then the end (or a failure).</summary>
public abstract record ChatEvent
{
    /// <summary>The SSE event name.</summary>
    public abstract string Type { get; }
}

/// <summary>A piece of the answer, as the model produced it.</summary>
public sealed record TokenEvent(string Delta) : ChatEvent
{
    public override string Type => "token";
}

public sealed record ToolCallEvent(string CallId, string Name, JsonObject Arguments) : ChatEvent
{
    public override string Type => "tool_call";
}

public sealed record ToolResultEvent(string CallId, string Name, bool Ok, string Output) : ChatEvent
{
    public override string Type => "tool_result";
}

/// <summary>Tokens and LLM calls of the whole turn.</summary>
public sealed record ChatUsage(long PromptTokens, long CompletionTokens, int StepCount);

/// <summary>The answer; <see cref="OperationId"/> is the queued memory extraction of the turn, or why there is none.</summary>
public sealed record FinalEvent(string Text, ChatUsage Usage, string? OperationId = null, string? MemoryNote = null) : ChatEvent
{
    public override string Type => "final";
}

/// <summary>The turn failed; <see cref="Status"/> is its HTTP status, <see cref="RetryAfter"/> when to try again (if it is worth it).</summary>
public sealed record ErrorEvent(int Status, string Detail, TimeSpan? RetryAfter = null) : ChatEvent
{
    public override string Type => "error";
}
