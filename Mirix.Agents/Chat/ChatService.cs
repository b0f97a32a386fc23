using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Mirix.Agents.Llm;
using Mirix.Core.Agents;
using Mirix.Core.Ingestion;
using Mirix.Core.Storage;
using Mirix.Core.Tenancy;

namespace Mirix.Agents.Chat;

/// <summary>
/// A chat turn end to end: the agent's answer, then the turn (the user's message and the answer) queued for memory
/// extraction through the client's meta agent, so what was said becomes memory like any add. A model failure ends the
/// turn with an <see cref="ErrorEvent"/> (once a stream has begun there is no status code left to send); a turn the
/// caller abandons stops the model call and queues nothing.
/// </summary>
public sealed class ChatService(ChatAgent agent, IngestionAcceptance acceptance, IngestionGateway gateway, LlmGateway llm, MirixDbContext db)
{
    public sealed record Request(Caller Caller, Core.Domain.Agent Agent, string UserId, IngestedMessage Message, JsonObject? FilterTags);

    public async IAsyncEnumerable<ChatEvent> RunAsync(Request request, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = MessageNormalizer.PlainText(request.Message);
        await using var events = agent.RunAsync(new ChatAgent.Turn(request.Caller, request.Agent, request.UserId, text), ct).GetAsyncEnumerator(ct);
        while (true)
        {
            ChatEvent? next = null;
            ErrorEvent? failure = null;
            try
            {
                if (!await events.MoveNextAsync())
                {
                    yield break;
                }
                next = events.Current;
            }
            catch (LlmOverloadedException e)
            {
                failure = new ErrorEvent(503, e.Message, e.RetryAfter);
            }
            catch (LlmCallFailedException e)
            {
                failure = new ErrorEvent(e.TimedOut ? 504 : 502, e.Message);
            }
            if (failure is not null)
            {
                yield return failure;
                yield break;
            }
            if (next is FinalEvent final)
            {
                var (operationId, note) = await RememberAsync(request, text, final.Text, ct);
                yield return final with { OperationId = operationId, MemoryNote = note };
                yield break;
            }
            yield return next!;
        }
    }

    /// <summary>Queues the turn for the client's meta agent; says why not when it cannot.</summary>
    private async Task<(string? OperationId, string? Note)> RememberAsync(Request request, string question, string answer, CancellationToken ct)
    {
        var caller = request.Caller;
        var meta = await db.Agents.AsNoTracking().MetaAgentOf(caller).Select(a => a.Id).FirstOrDefaultAsync(ct);
        if (meta is null)
        {
            return (null, "not remembered: this client has no meta agent (call /agents/meta/initialize)");
        }
        static JsonObject Turn(string role, string text) => new() { ["role"] = role, ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }) };
        var messages = new JsonArray(Turn("user", question), Turn("assistant", answer));
        var outcome = await acceptance.AcceptAsync(caller,
            new IngestionRequest(meta, request.UserId, messages, true, false, request.FilterTags, null, null, true, null, null), llm.IsConfigured, ct);
        if (outcome.Value is not { } envelope)
        {
            return (null, "not remembered: " + outcome.Error);
        }
        var operation = await gateway.QueueAsync(envelope, ct);
        return (operation.Id, null);
    }
}
