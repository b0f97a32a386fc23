using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Mirix.Agents.Llm;
using Mirix.Agents.Prompts;
using Mirix.Agents.Tools;
using Mirix.Core.Domain;

namespace Mirix.Agents.Runs;

/// <summary>
/// One agent's step loop. Every step is one LLM call that must call tools; the calls run in order and their results go
/// back to the model. The loop ends when a tool finishes or routes, when a step wrote memory and the agent does not chain,
/// or at <see cref="LlmOptions.MaxAgentSteps"/> (the last step is told to finish). A step that only read, whose tool
/// failed, or that stored something close to a stored item continues, so the model sees what it read, corrects its call,
/// or merges the two. A text answer is asked once more for a tool call,
/// then the run fails visibly rather than storing nothing in silence.
/// </summary>
public sealed class AgentLoop(LlmGateway llm, LlmOptions options, TimeProvider time)
{
    /// <summary>What the agent is to do: its prompt, its tools, and whether it keeps going after a successful write.</summary>
    public sealed record Assignment(
        Agent Agent, string SystemPrompt, string Content, IReadOnlyList<AIContent> Images, IReadOnlyList<AgentTool> Tools, bool Chaining);

    /// <summary>The loop's end: the report, and the arguments of the routing call when the agent routed.</summary>
    public sealed record Outcome(AgentReport Report, JsonObject? RouteArguments);

    public async Task<Outcome> RunAsync(Assignment assignment, LlmModel model, AgentRunContext run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(run);
        var started = time.GetTimestamp();
        var report = new AgentReport(assignment.Agent.AgentType, assignment.Agent.Id);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, assignment.SystemPrompt),
            new(ChatRole.User, [new TextContent(assignment.Content), .. assignment.Images]),
        };
        var tools = assignment.Tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        JsonObject? route = null;
        var reasked = false;
        try
        {
            for (var step = 1; step <= options.MaxAgentSteps; step++)
            {
                var last = step == options.MaxAgentSteps;
                var chatOptions = new ChatOptions
                {
                    Tools = [.. assignment.Tools.Select(t => t.Declaration)],
                    ToolMode = ChatToolMode.RequireAny,
                    AllowMultipleToolCalls = true,
                };
                if (last && step > 1)
                {
                    messages.Add(new ChatMessage(ChatRole.User, AgentPrompts.FinishNow));
                }
                var response = await llm.CompleteAsync(run.Writer.OrganizationId, model, messages, chatOptions, ct);
                report.RecordStep(new AgentStep
                {
                    Id = IdGenerator.Uuid(AgentStep.IdPrefix),
                    OrganizationId = run.Writer.OrganizationId,
                    AgentId = assignment.Agent.Id,
                    ProviderName = model.Endpoint.Host,
                    Model = response.ModelId ?? model.ModelId,
                    CompletionTokens = (int)(response.Usage?.OutputTokenCount ?? 0),
                    PromptTokens = (int)(response.Usage?.InputTokenCount ?? 0),
                    TotalTokens = (int)(response.Usage?.TotalTokenCount ?? 0),
                    CreatedById = run.Writer.ClientId,
                });

                var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
                messages.AddRange(response.Messages);
                if (calls.Count == 0)
                {
                    if (reasked)
                    {
                        throw new AgentRunFailedException($"The {assignment.Agent.AgentType} answered in text twice instead of calling a tool (model {model.ModelId}): \"{Clip(response.Text)}\"");
                    }
                    reasked = true;
                    messages.Add(new ChatMessage(ChatRole.User, AgentPrompts.ToolRequired));
                    continue;
                }

                var results = new List<AIContent>();
                var done = false;
                var failed = false;
                var wrote = false;
                var review = false;
                foreach (var call in calls)
                {
                    var (result, effect) = await ExecuteAsync(call, tools, run, ct);
                    report.RecordTool(call.Name, result.Ok, result.Message);
                    results.Add(new FunctionResultContent(call.CallId, result.ToJson().ToJsonString()));
                    failed |= !result.Ok;
                    review |= result.NeedsReview;
                    if (!result.Ok)
                    {
                        continue;
                    }
                    switch (effect)
                    {
                        case ToolEffect.Route:
                            route = Arguments(call);
                            done = true;
                            break;
                        case ToolEffect.Finish:
                            done = true;
                            break;
                        case ToolEffect.Write:
                            wrote = true;
                            break;
                    }
                }
                messages.Add(new ChatMessage(ChatRole.Tool, results));
                if (done || (wrote && !failed && !review && !assignment.Chaining))
                {
                    break;
                }
            }
        }
        finally
        {
            report.DurationMs = time.GetElapsedTime(started).TotalMilliseconds;
        }
        return new Outcome(report, route);
    }

    private static async Task<(ToolResult Result, ToolEffect Effect)> ExecuteAsync(
        FunctionCallContent call, Dictionary<string, AgentTool> tools, AgentRunContext run, CancellationToken ct)
    {
        if (!tools.TryGetValue(call.Name, out var tool))
        {
            return (ToolResult.Failed($"There is no tool {call.Name}; use one of {string.Join(", ", tools.Keys)}."), ToolEffect.Read);
        }
        if (call.Exception is not null)
        {
            return (ToolResult.Failed($"The arguments of {call.Name} are not valid JSON: {Clip(call.Exception.Message)}. Call it again with valid JSON arguments."), tool.Effect);
        }
        var args = Arguments(call);
        // Arguments the model invented (internal_monologue, request_heartbeat, …) are dropped, not fatal.
        foreach (var unknown in args.Select(p => p.Key).Where(k => !tool.Parameters.Contains(k)).ToList())
        {
            args.Remove(unknown);
        }
        return tool.Effect switch
        {
            ToolEffect.Finish => (ToolResult.Success("Memory update finished."), tool.Effect),
            ToolEffect.Route => (Route(args), tool.Effect),
            _ => (await MemoryToolbox.ExecuteAsync(tool, args, run, ct), tool.Effect),
        };
    }

    /// <summary>Validates a routing call; the run's orchestrator starts the memory agents once the meta agent's loop ends.</summary>
    private static ToolResult Route(JsonObject args)
    {
        if (args["memory_types"] is not JsonArray types || types.Any(t => t?.GetValueKind() != JsonValueKind.String))
        {
            return ToolResult.Failed("memory_types must be a list of memory type names.");
        }
        var unknown = types.Select(t => t!.GetValue<string>()).Where(t => !ToolCatalog.MemoryTypes.Contains(NormalizeType(t))).ToList();
        return unknown.Count > 0
            ? ToolResult.Failed($"Unknown memory types: {string.Join(", ", unknown)}. Use {string.Join(", ", ToolCatalog.MemoryTypes)}.")
            : ToolResult.Success("The memory agents are updating memory.");
    }

    /// <summary>Accepts MIRIX's short names and the agent-type spellings models sometimes use (episodic_memory, knowledge vault).</summary>
    public static string NormalizeType(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = type.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        t = t.EndsWith("_memory_agent", StringComparison.Ordinal) ? t[..^"_memory_agent".Length]
            : t.EndsWith("_memory", StringComparison.Ordinal) ? t[..^"_memory".Length] : t;
        return t == "knowledge" ? "knowledge_vault" : t;
    }

    private static JsonObject Arguments(FunctionCallContent call) =>
        call.Arguments is null ? [] : JsonSerializer.SerializeToNode(call.Arguments, AgentTool.Json) as JsonObject ?? [];

    private static string Clip(string? text) => text is null ? "" : text.Length <= 200 ? text : text[..200] + "…";
}
