using Mirix.Core.Ingestion;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>
/// A transport's consume loop as a test runs it, ended in one of the two ways a consumer ends: drained (a graceful stop:
/// the message in flight finishes) or killed (aborted at once, which the queue cannot tell from a crash).
/// </summary>
internal sealed class RunningConsumer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _consuming;

    /// <param name="handle">Handles one message; the token fires when the consumer is killed.</param>
    public RunningConsumer(IIngestionTransport transport, Func<IngestionEnvelope, CancellationToken, Task<DeliveryOutcome>> handle)
    {
        Transport = transport;
        _consuming = transport.ConsumeAsync(envelope => handle(envelope, _abort.Token), _stop.Token);
    }

    public IIngestionTransport Transport { get; }

    public Task DrainAsync() => StopAsync(abort: false);

    public Task KillAsync() => StopAsync(abort: true);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _stop.Dispose();
        _abort.Dispose();
    }

    private async Task StopAsync(bool abort)
    {
        await _stop.CancelAsync();
        if (abort)
        {
            await _abort.CancelAsync();
        }
        try
        {
            await _consuming.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
            // the aborted handler
        }
    }
}
