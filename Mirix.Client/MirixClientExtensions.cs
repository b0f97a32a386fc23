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

    /// <summary>Queues a conversation for a user's memory, in turns of plain text.</summary>
    public static Task<AddMemoryResponse> AddAsync(
        this IMirixClient client, string userId, IEnumerable<ChatTurn> turns, string? metaAgentId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.AddAsync(new AddMemoryRequest(userId, metaAgentId, ChatTurn.ToMessages(turns)), cancellationToken: cancellationToken);
    }
}
