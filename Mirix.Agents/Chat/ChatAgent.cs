using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Mirix.Agents.Llm;
using Mirix.Agents.Runs;
using Mirix.Agents.Tools;
using Mirix.Core.Domain;
using Mirix.Core.Memory;
using Mirix.Core.Operations;
using Mirix.Core.Retrieval;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Agents.Chat;

/// <summary>
/// A chat agent's turn: the user's scoped memories relevant to the message go into the system prompt, the model streams
/// its answer and may call <c>search_in_memory</c> or <c>list_memory_within_timerange</c> (read-only, within the caller's
/// read scopes) before answering; the last step allows no tools, so a turn always ends with an answer. Each update is
/// reported as it arrives; cancelling the enumeration cancels the model call.
/// </summary>
public sealed class ChatAgent(
    LlmGateway llm, LlmOptions options, TopicRetrieval retrieval, MemoryStager stager, MemorySearch search, MirixDbContext db, TimeProvider time)
{
    private const int RelevantPerType = 5;

    public sealed record Turn(Caller Caller, Agent Agent, string UserId, string Message);

    public async IAsyncEnumerable<ChatEvent> RunAsync(Turn turn, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var (caller, agent) = (turn.Caller, turn.Agent);
        var zone = await stager.UserZoneAsync(caller.OrganizationId, turn.UserId, ct);
        var (relevant, blocks) = await retrieval.RelevantAsync(caller, turn.UserId, new TopicRetrieval.Query(turn.Message, RelevantPerType, FilterTagsFilter.Empty, "hybrid"), ct);
        var system = ChatPrompts.System(agent.System, blocks, relevant, time.GetUtcNow().UtcDateTime, zone);
        var messages = new List<ChatMessage> { new(ChatRole.System, system), new(ChatRole.User, turn.Message) };
        var model = llm.Resolve(RequestedModel.Of(agent.LlmConfig));
        var writer = new MemoryStager.Writer(caller.OrganizationId, turn.UserId, caller.ClientId, caller.WriteScope ?? "", agent.Id);
        using var run = new AgentRunContext(null, null, agent, writer, caller.ReadScopes, zone, db, stager, search);
        AgentTool[] tools = [ToolCatalog.Search, ToolCatalog.ListTimeRange];
        long prompt = 0, completion = 0;
        for (var step = 1; ; step++)
        {
            var last = step >= options.MaxAgentSteps;
            var chatOptions = new ChatOptions { MaxOutputTokens = options.MaxOutputTokens };
            if (!last)
            {
                chatOptions.Tools = [.. tools.Select(t => t.Declaration)];
                chatOptions.ToolMode = ChatToolMode.Auto;
            }
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in llm.StreamAsync(caller.OrganizationId, model, messages, chatOptions, ct))
            {
                updates.Add(update);
                if (update.Text is { Length: > 0 } delta)
                {
                    yield return new TokenEvent(delta);
                }
            }
            var response = updates.ToChatResponse();
            prompt += response.Usage?.InputTokenCount ?? 0;
            completion += response.Usage?.OutputTokenCount ?? 0;
            messages.AddRange(response.Messages);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0 || last)
            {
                yield return new FinalEvent(response.Text, new ChatUsage(prompt, completion, step));
                yield break;
            }
            var results = new List<AIContent>();
            foreach (var call in calls)
            {
                var arguments = JsonSerializer.SerializeToNode(call.Arguments ?? new Dictionary<string, object?>()) as JsonObject ?? [];
                yield return new ToolCallEvent(call.CallId, call.Name, arguments);
                var tool = tools.FirstOrDefault(t => t.Name == call.Name);
                var result = tool is null
                    ? ToolResult.Failed($"There is no tool {call.Name}; use search_in_memory or list_memory_within_timerange.")
                    : await MemoryToolbox.ExecuteAsync(tool, arguments, run, ct);
                yield return new ToolResultEvent(call.CallId, call.Name, result.Ok, result.Message);
                results.Add(new FunctionResultContent(call.CallId, result.ToJson().ToJsonString()));
            }
            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }
    }
}
