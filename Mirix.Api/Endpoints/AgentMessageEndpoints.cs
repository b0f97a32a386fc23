using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Agents.Chat;
using Mirix.Core.Agents;
using Mirix.Core.Domain;
using Mirix.Core.Ingestion;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Api.Endpoints;

/// <summary>
/// <c>POST /agents/{id}/messages</c>. A chat agent answers from the user's memory — as Server-Sent Events with
/// <c>stream_tokens</c> or <c>stream_steps</c>, else as MIRIX's <c>MirixResponse</c> — and the turn is queued for memory
/// extraction. A memory agent gets the message queued, as MIRIX does (the operation id is in <c>X-Operation-Id</c>).
/// </summary>
public static class AgentMessageEndpoints
{
    public static IEndpointRouteBuilder MapAgentMessageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/agents/{agentId}/messages", SendMessage).WithTags("Agents").RequireAuthorization().WithName("SendAgentMessage")
            .WithSummary("Chat agents answer from memory (SSE with stream_tokens); other agents queue the message for memory extraction.");
        return app;
    }

    /// <summary>What the route uses besides the request.</summary>
    public sealed record MessageServices(MirixDbContext Db, ChatService Chat, IngestionGateway Gateway, IngestionAcceptance Acceptance, Agents.Llm.LlmModelCatalog Llm)
    {
        public IngestionEndpoints.IngestionServices Ingestion => new(Gateway, Acceptance, Llm);
    }

    public static async Task<Results<Ok<MirixResponse>, ServerSentEventsResult<ChatStreamEvent>, ProblemHttpResult>> SendMessage(
        string agentId, SendMessageRequest request, Caller caller, [AsParameters] MessageServices services, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var agent = await services.Db.Agents.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == agentId && a.OrganizationId == caller.OrganizationId && a.CreatedById == caller.ClientId, ct);
        if (agent is null)
        {
            return Problems.NotFound($"Agent {agentId} not found.");
        }
        var streaming = request.StreamTokens == true || request.StreamSteps == true;
        if (agent.AgentType != AgentTypes.Chat)
        {
            return streaming
                ? Problems.BadRequest($"Only chat agents stream; {agent.AgentType} queues messages for memory extraction (send with stream_tokens false).")
                : await QueueAsync(agentId, request, caller, services.Ingestion, http, ct);
        }
        if (!services.Ingestion.Llm.IsConfigured)
        {
            return Problems.BadRequest("Chat agents answer with an LLM, and " + IngestionMode.NoLlmReason + ".");
        }
        var (messages, error) = MessageNormalizer.Normalize([Message(request)]);
        if (messages is null)
        {
            return Problems.Invalid(error!);
        }
        if (messages[0].Role != "user")
        {
            return Problems.BadRequest("A chat agent answers messages with role 'user'.");
        }
        var (userId, problem) = await TargetUser.ResolveAsync(caller, request.UserId, services.Db, ct, createIfMissing: true);
        if (problem is not null)
        {
            return problem;
        }
        var events = services.Chat.RunAsync(new ChatService.Request(caller, agent, userId!, messages[0], request.FilterTags), ct);
        return streaming ? TypedResults.ServerSentEvents(AsSse(events, ct)) : await CollectAsync(events, http, ct);
    }

    private static async IAsyncEnumerable<SseItem<ChatStreamEvent>> AsSse(IAsyncEnumerable<ChatEvent> events, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var e in events.WithCancellation(ct))
        {
            yield return new SseItem<ChatStreamEvent>(e.ToContract(), e.Type);
        }
    }

    /// <summary>The whole turn as MIRIX's <c>MirixResponse</c>: tool calls, tool returns and the assistant message, with usage.</summary>
    private static async Task<Results<Ok<MirixResponse>, ServerSentEventsResult<ChatStreamEvent>, ProblemHttpResult>> CollectAsync(
        IAsyncEnumerable<ChatEvent> events, HttpContext http, CancellationToken ct)
    {
        var messages = new List<AgentMessage>();
        var date = DateTime.UtcNow;
        AgentMessage Message(string type) => new(IdGenerator.Uuid(Core.Domain.Message.IdPrefix), date, type);
        await foreach (var e in events.WithCancellation(ct))
        {
            switch (e)
            {
                case ErrorEvent failure:
                    if (failure.RetryAfter is { } wait)
                    {
                        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    }
                    return TypedResults.Problem(failure.Detail, statusCode: failure.Status);
                case ToolCallEvent call:
                    messages.Add(Message("tool_call_message") with { ToolCall = new ToolCallView(call.Name, call.Arguments.ToJsonString(), call.CallId) });
                    break;
                case ToolResultEvent result:
                    messages.Add(Message("tool_return_message") with { ToolReturn = result.Output, Status = result.Ok ? "success" : "error", ToolCallId = result.CallId });
                    break;
                case FinalEvent final:
                    messages.Add(Message("assistant_message") with { Content = final.Text });
                    if (final.OperationId is not null)
                    {
                        http.Response.Headers["X-Operation-Id"] = final.OperationId;
                    }
                    return TypedResults.Ok(new MirixResponse(messages, final.Usage.ToContract()));
            }
        }
        return TypedResults.Problem("The chat turn ended without an answer.", statusCode: StatusCodes.Status502BadGateway);
    }

    private static async Task<Results<Ok<MirixResponse>, ServerSentEventsResult<ChatStreamEvent>, ProblemHttpResult>> QueueAsync(
        string agentId, SendMessageRequest request, Caller caller, IngestionEndpoints.IngestionServices services, HttpContext http, CancellationToken ct)
    {
        var (envelope, problem) = await IngestionEndpoints.AcceptAsync(From(agentId, request), caller, services, http, ct);
        if (envelope is null)
        {
            return problem!;
        }
        var operation = await services.Gateway.QueueAsync(envelope, ct);
        IngestionEndpoints.MarkReplayed(http, envelope, operation);
        http.Response.Headers["X-Operation-Id"] = operation.Id;
        http.Response.Headers.Location = $"/memory/operations/{operation.Id}";
        return TypedResults.Ok(new MirixResponse([], new UsageStatistics()));
    }

    private static JsonObject Message(SendMessageRequest r)
    {
        var message = new JsonObject { ["role"] = r.Role ?? "user", ["content"] = r.Message?.DeepClone() };
        if (r.Name is not null)
        {
            message["name"] = r.Name;
        }
        return message;
    }

    private static IngestionRequest From(string agentId, SendMessageRequest r) =>
        new(agentId, r.UserId, [Message(r)], true, false, r.FilterTags, r.BlockFilterTags, r.BlockFilterTagsUpdateMode, r.UseCache ?? true, null, null);
}
