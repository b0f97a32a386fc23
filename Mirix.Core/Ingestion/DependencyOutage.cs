using Mirix.Core.Storage;

namespace Mirix.Core.Ingestion;

/// <summary>Implemented by failures of a service Mirix depends on that may be an outage (rate limits, time-outs, unreachable).</summary>
public interface IDependencyFailure
{
    /// <summary>Whether the dependency is out of service or out of capacity, so waiting will help; false when the request itself was refused.</summary>
    bool IsOutage { get; }
}

/// <summary>
/// Tells the dependency's outage apart from the message's own failure. An outage never moves a message towards the dead
/// letters: it waits, backing off, for the database or the model to come back.
/// </summary>
public static class DependencyOutage
{
    public static bool Is(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (StorageFailures.IsUnavailable(exception) || StorageFailures.IsOutOfSpace(exception))
        {
            return true;
        }
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is IDependencyFailure { IsOutage: true })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether the outage is the database's, in which case nothing can be recorded about the run.</summary>
    public static bool IsStorage(Exception exception) => StorageFailures.IsUnavailable(exception) || StorageFailures.IsOutOfSpace(exception);
}
