using System.Text.Json.Nodes;
using Mirix.Core.Ingestion;
using Mirix.Core.Storage;

namespace Mirix.IntegrationTests.Ingestion;

/// <summary>
/// The real raw-mode handler behind a switch a test can flip: fail every run, or hold every run at a gate. It stands in
/// for a broken or slow agent; storage and transports stay real.
/// </summary>
public sealed class HandlerControl
{
    private int _runs;
    private volatile bool _failing;

    public bool Failing { get => _failing; set => _failing = value; }

    public int Runs => Volatile.Read(ref _runs);

    public void CountRun() => Interlocked.Increment(ref _runs);
    private TaskCompletionSource? _gate;

    /// <summary>Runs wait here until <see cref="Open"/>.</summary>
    public void Close() => _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate?.TrySetResult();

    public Task WaitAsync(CancellationToken ct) => _gate?.Task.WaitAsync(ct) ?? Task.CompletedTask;

}

public sealed class ControlledHandler(HandlerControl control, RawModeHandler inner) : IIngestionHandler
{
    public async Task<JsonObject> HandleAsync(IngestionEnvelope envelope, MirixDbContext db, CancellationToken ct)
    {
        control.CountRun();
        await control.WaitAsync(ct);
        if (control.Failing)
        {
            throw new InvalidOperationException("injected handler failure");
        }
        return await inner.HandleAsync(envelope, db, ct);
    }
}
