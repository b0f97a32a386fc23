using System.Collections.Concurrent;
using System.ComponentModel;
using Microsoft.Extensions.AI;
using Mirix.Contracts;

namespace Mirix.Client.AI;

/// <summary>
/// One user's long-term memory on a Mirix.NET server, for an agent: <see cref="AsAIFunctions"/> gives a model the
/// tools to remember and recall; <see cref="RememberAsync"/> and <see cref="RecallAsync"/> are the same for code.
/// </summary>
public sealed class MirixMemory(IMirixClient client, string userId)
{
    private const int DefaultRecallLimit = 6;
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    /// <summary>The user whose memory this is.</summary>
    public string UserId { get; } = userId;

    /// <summary>
    /// Queues text for the memory agents, which file it into the right memories (facts, events, preferences...);
    /// returns the operation. <see cref="FlushAsync"/> waits until everything queued here is filed.
    /// </summary>
    public async Task<string> RememberAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var added = await client.AddAsync(UserId, [ChatTurn.User(text)], cancellationToken: cancellationToken).ConfigureAwait(false);
        _queued.TryAdd(added.OperationId, 0);
        return added.OperationId;
    }

    /// <summary>The memories most relevant to <paramref name="query"/>, of every type, best first (hybrid search).</summary>
    public async Task<IReadOnlyList<SearchHit>> RecallAsync(string query, int limit = DefaultRecallLimit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var found = await client.SearchAsync(new MemorySearchQuery(query) { UserId = UserId, SearchMethod = "hybrid", Limit = limit }, cancellationToken).ConfigureAwait(false);
        // The limit applies per memory type; the best of all types make the answer.
        return [.. found.Results.OrderByDescending(h => h.Score ?? 0).Take(limit)];
    }

    /// <summary>Waits until everything <see cref="RememberAsync"/> queued has been filed (or dead-lettered).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        foreach (var operationId in _queued.Keys)
        {
            await client.WaitForOperationAsync(operationId, cancellationToken: cancellationToken).ConfigureAwait(false);
            _queued.TryRemove(operationId, out _);
        }
    }

    /// <summary>
    /// The memory as tools for a model: <c>remember</c> and <c>recall</c>. Give them to a chat client with function
    /// invocation (<c>ChatOptions.Tools</c>).
    /// </summary>
    public IReadOnlyList<AIFunction> AsAIFunctions() =>
    [
        AIFunctionFactory.Create(RememberToolAsync, "remember",
            "Saves something about the user worth knowing in later conversations: a fact, a preference, an event or a plan. "
            + "Write it as one self-contained sentence about the user. It is filed in the background."),
        AIFunctionFactory.Create(RecallToolAsync, "recall",
            "Searches what is remembered about the user: facts, past events, preferences, how-tos and notes. "
            + "Use it before answering anything that may depend on the user's life or earlier conversations."),
    ];

    private async Task<string> RememberToolAsync(
        [Description("What to remember, as one self-contained sentence, e.g. \"The user's sister Ana lives in Porto.\"")] string text,
        CancellationToken cancellationToken)
    {
        await RememberAsync(text, cancellationToken).ConfigureAwait(false);
        return "Saved. It will be in memory shortly.";
    }

    private async Task<string> RecallToolAsync(
        [Description("What to look for, in a few words or a question, e.g. \"where Ana lives\".")] string query,
        CancellationToken cancellationToken) =>
        MemoryText.Format(await RecallAsync(query, cancellationToken: cancellationToken).ConfigureAwait(false));
}
