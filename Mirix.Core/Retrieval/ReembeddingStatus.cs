namespace Mirix.Core.Retrieval;

/// <summary>What the re-embedding job is doing, for the health check (one per process that runs the job).</summary>
public sealed class ReembeddingStatus
{
    private readonly Lock _gate = new();
    private Snapshot _current = new("idle", null, 0, null, null, null);

    public sealed record Snapshot(string State, string? Model, int ReembeddedInPass, DateTime? PassStartedAt, DateTime? PassFinishedAt, string? LastError);

    public Snapshot Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public void Started(string model, DateTime at) => Update(s => new("running", model, 0, at, s.PassFinishedAt, s.LastError));

    public void Progressed(int count) => Update(s => s with { ReembeddedInPass = s.ReembeddedInPass + count });

    public void Finished(DateTime at) => Update(s => s with { State = "idle", PassFinishedAt = at, LastError = null });

    public void Failed(DateTime at, string error) => Update(s => s with { State = "failed", PassFinishedAt = at, LastError = error });

    private void Update(Func<Snapshot, Snapshot> change)
    {
        lock (_gate)
        {
            _current = change(_current);
        }
    }
}
