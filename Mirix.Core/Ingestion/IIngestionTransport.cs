namespace Mirix.Core.Ingestion;

/// <summary>
/// Carries ingestion envelopes from the Api to the consumers. Every transport keeps one partition key's messages in order,
/// acknowledges a message only after its handler returned, and delivers it again otherwise.
/// </summary>
public interface IIngestionTransport : IAsyncDisposable
{
    /// <summary>The name recorded on operations: <c>in_process</c>, <c>redis_streams</c> or <c>kafka</c>.</summary>
    string Name { get; }

    /// <summary>Keeps the envelope or throws <see cref="IngestionUnavailableException"/>; it never accepts what it cannot keep.</summary>
    Task PublishAsync(IngestionEnvelope envelope, CancellationToken ct);

    /// <summary>
    /// Reads until <paramref name="stopReading"/> fires, then waits for the messages in flight and returns. Each message is
    /// handed to <paramref name="handler"/>; when the handler throws, the message stays unacknowledged and comes again.
    /// Where the transport sees messages waiting in a partition, it first shows them to <paramref name="lookahead"/>, in
    /// order, so work that is cheaper for many at once (embedding) is done for all of them.
    /// </summary>
    Task ConsumeAsync(DeliveryHandler handler, CancellationToken stopReading, DeliveryLookahead? lookahead = null);

    /// <summary>Messages accepted and not yet acknowledged (the consumers' lag); null where this process cannot tell.</summary>
    Task<long?> GetBacklogAsync(CancellationToken ct);
}

/// <summary>Processes one delivered envelope; returns once the outcome is durable.</summary>
public delegate Task<DeliveryOutcome> DeliveryHandler(IngestionEnvelope envelope);

/// <summary>
/// Sees messages waiting in a partition before they are handled, to prepare what they will need or to finish them ahead
/// of their turn (in order, exactly as their handler would: the handler then only acknowledges them). A message it saw
/// may still be handled without its help (a redelivery, another worker) and nothing is lost. It does not throw: what it
/// fails to prepare or finish is done where the message is handled.
/// </summary>
public delegate Task DeliveryLookahead(IReadOnlyList<IngestionEnvelope> waiting);

public enum DeliveryOutcome
{
    /// <summary>Processed, or found already processed: acknowledge.</summary>
    Done,
    /// <summary>Given up on and kept in the dead-letter store: acknowledge, and forward where the transport has a dead-letter channel.</summary>
    DeadLettered,
}

/// <summary>The transport cannot take the message now (full, or its broker unreachable); the caller should retry later.</summary>
public sealed class IngestionUnavailableException : Exception
{
    public IngestionUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null) : base(message, inner) => RetryAfter = retryAfter;
    public IngestionUnavailableException() { }
    public IngestionUnavailableException(string message) : base(message) { }
    public IngestionUnavailableException(string message, Exception inner) : base(message, inner) { }

    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(1);
}
