using Mirix.Agents.Chat;

namespace Mirix.Api.Mapping;

internal static class ChatMapping
{
    public static UsageStatistics ToContract(this ChatUsage usage) =>
        new(usage.PromptTokens, usage.CompletionTokens, usage.PromptTokens + usage.CompletionTokens, usage.StepCount);

    public static ChatStreamEvent ToContract(this ChatEvent e) => e switch
    {
        TokenEvent token => new ChatToken(token.Delta),
        ToolCallEvent call => new ChatToolCall(call.CallId, call.Name, (JsonObject)call.Arguments.DeepClone()),
        ToolResultEvent result => new ChatToolResult(result.CallId, result.Name, result.Ok ? "success" : "error", result.Output),
        FinalEvent final => new ChatAnswer(final.Text, final.Usage.ToContract(), final.OperationId, final.MemoryNote),
        ErrorEvent error => new ChatError(error.Status, error.Detail, error.RetryAfter is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : null),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not a chat event."),
    };
}
