using System.Text.Json.Nodes;

namespace Mirix.Agents.Chat;

/// <summary>What a chat turn reports as it goes: answer text, tool calls and their results, then the end (or a failure).</summary>
public abstract record ChatEvent
{
    /// <summary>The SSE event name, and <c>type</c> in the payload.</summary>
    public abstract string Type { get; }

    public abstract JsonObject ToJson();
}

/// <summary>A piece of the answer, as the model produced it.</summary>
public sealed record TokenEvent(string Delta) : ChatEvent
{
    public override string Type => "token";

    public override JsonObject ToJson() => new() { ["type"] = Type, ["delta"] = Delta };
}

public sealed record ToolCallEvent(string CallId, string Name, JsonObject Arguments) : ChatEvent
{
    public override string Type => "tool_call";

    public override JsonObject ToJson() => new() { ["type"] = Type, ["tool_call_id"] = CallId, ["name"] = Name, ["arguments"] = Arguments.DeepClone() };
}

public sealed record ToolResultEvent(string CallId, string Name, bool Ok, string Result) : ChatEvent
{
    public override string Type => "tool_result";

    public override JsonObject ToJson() => new() { ["type"] = Type, ["tool_call_id"] = CallId, ["name"] = Name, ["status"] = Ok ? "success" : "error", ["result"] = Result };
}

/// <summary>Tokens and LLM calls of the whole turn, in MIRIX's usage names.</summary>
public sealed record ChatUsage(long PromptTokens, long CompletionTokens, int StepCount)
{
    public JsonObject ToJson() => new()
    {
        ["prompt_tokens"] = PromptTokens, ["completion_tokens"] = CompletionTokens, ["total_tokens"] = PromptTokens + CompletionTokens, ["step_count"] = StepCount,
    };
}

/// <summary>The answer; <see cref="OperationId"/> is the queued memory extraction of the turn, or why there is none.</summary>
public sealed record FinalEvent(string Text, ChatUsage Usage, string? OperationId = null, string? MemoryNote = null) : ChatEvent
{
    public override string Type => "final";

    public override JsonObject ToJson() => new()
    {
        ["type"] = Type, ["content"] = Text, ["usage"] = Usage.ToJson(), ["operation_id"] = OperationId, ["memory_note"] = MemoryNote,
    };
}

/// <summary>The turn failed; <see cref="Status"/> is its HTTP status, <see cref="RetryAfter"/> when to try again (if it is worth it).</summary>
public sealed record ErrorEvent(int Status, string Detail, TimeSpan? RetryAfter = null) : ChatEvent
{
    public override string Type => "error";

    public override JsonObject ToJson() => new()
    {
        ["type"] = Type, ["status"] = Status, ["detail"] = Detail, ["retry_after"] = RetryAfter is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : null,
    };
}
