using System.Text.Json;
using Microsoft.Extensions.AI;
using Mirix.Agents.Tools;

namespace Mirix.Agents.Retrieval;

/// <summary>What the conversation is about and the time it speaks of, as the extractor's forced tool call gave them.</summary>
public sealed record ExtractedTopics(string Topics, string? TemporalExpression);

/// <summary>
/// The one LLM call of retrieval with conversation: the model must call <c>update_topic_and_time</c> (MIRIX's tool name)
/// with the conversation's topics and the time phrase the user used. Pure: the prompt, the tool and the reading of
/// its call are tested without a model.
/// </summary>
public static class TopicExtraction
{
    public const string ToolName = "update_topic_and_time";

    public static readonly AgentTool Tool = new(ToolName,
        "Report what the latest turns of the conversation are about and the time the user refers to, so memories can be looked up.",
        typeof(TopicAndTimeArgs), ToolEffect.Finish);

    public const string SystemPrompt = """
        You help a memory system look up what it knows before an assistant answers. Read the conversation and call
        update_topic_and_time once. In topic, list what the latest turns are about as search keywords separated by ';':
        the people, places, things, projects and activities named or meant, most important first, at most eight. In
        temporal_expression, copy the user's words for the time they ask about ("yesterday", "last week", "in March",
        "3 days ago"), or leave it empty when they name no time. Do not answer the user.
        """;

    /// <summary>The request: system prompt, the conversation as one user turn, and the forced tool.</summary>
    public static (List<ChatMessage> Messages, ChatOptions Options) Request(string conversation) =>
        ([new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, "<conversation>\n" + conversation.Trim() + "\n</conversation>")],
         new ChatOptions { Tools = [Tool.Declaration], ToolMode = ChatToolMode.RequireSpecific(ToolName), AllowMultipleToolCalls = false });

    /// <summary>The topics of the model's answer; null when it did not call the tool with a usable topic.</summary>
    public static ExtractedTopics? Read(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().FirstOrDefault(c => c.Name == ToolName);
        if (call?.Arguments is null)
        {
            return null;
        }
        var topic = Text(call.Arguments.TryGetValue("topic", out var t) ? t : null);
        if (string.IsNullOrWhiteSpace(topic))
        {
            return null;
        }
        var parts = topic.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase).Take(8);
        var time = Text(call.Arguments.TryGetValue("temporal_expression", out var e) ? e : null);
        return new ExtractedTopics(string.Join(";", parts), string.IsNullOrWhiteSpace(time) ? null : time.Trim());
    }

    private static string? Text(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Array } a => string.Join(";", a.EnumerateArray().Select(x => x.ToString())),
        _ => null,
    };
}
