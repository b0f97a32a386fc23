namespace Mirix.Client;

/// <summary>Conveniences over <see cref="IMirixClient"/>.</summary>
public static class MirixClientExtensions
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Polls an operation until it has succeeded or been dead-lettered, and returns it; cancel to stop waiting.</summary>
    public static async Task<OperationView> WaitForOperationAsync(
        this IMirixClient client, string operationId, TimeSpan? pollInterval = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        while (true)
        {
            var operation = await client.GetOperationAsync(operationId, cancellationToken).ConfigureAwait(false);
            if (operation.IsFinished)
            {
                return operation;
            }
            await Task.Delay(pollInterval ?? DefaultPollInterval, timeProvider ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Creates the client's meta memory agent on the server's own models (its first LLM and embedding model), or
    /// returns the one it has. Null for a read-only client.
    /// </summary>
    public static async Task<AgentState?> InitializeMetaAgentAsync(this IMirixClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var models = await client.ListLlmConfigsAsync(cancellationToken).ConfigureAwait(false);
        var llm = models.Count > 0 ? models[0]
            : throw new InvalidOperationException("The server has no LLM, so it has no memory agents: add conversations with mode 'raw'.");
        var embedding = (await client.ListEmbeddingConfigsAsync(cancellationToken).ConfigureAwait(false))[0];
        var config = new JsonObject
        {
            ["llm_config"] = JsonSerializer.SerializeToNode(llm, MirixJson.Options),
            ["embedding_config"] = JsonSerializer.SerializeToNode(embedding, MirixJson.Options),
        };
        return await client.InitializeMetaAgentAsync(new InitializeMetaAgentRequest(config), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues a conversation for a user's memory, in turns of plain text.</summary>
    public static Task<AddMemoryResponse> AddAsync(
        this IMirixClient client, string userId, IEnumerable<ChatTurn> turns, string? metaAgentId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.AddAsync(new AddMemoryRequest(userId, metaAgentId, ChatTurn.ToMessages(turns)), cancellationToken: cancellationToken);
    }
}
