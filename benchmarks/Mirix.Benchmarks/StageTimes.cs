using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Mirix.Core.Retrieval;

namespace Mirix.Benchmarks;

/// <summary>Adds up the search stages the server records (<see cref="SearchStages"/>) between two readings.</summary>
internal sealed class StageTimes : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _seconds = new(StringComparer.Ordinal);

    public StageTimes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SearchStages.TelemetryName && instrument.Name == SearchStages.DurationInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == SearchStages.StageTag && tag.Value is string stage)
                {
                    _seconds.AddOrUpdate(stage, seconds, (_, sum) => sum + seconds);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Forgets what was recorded so far.</summary>
    public void Clear() => _seconds.Clear();

    /// <summary>Each stage's milliseconds per query since the last reading, and a fresh start.</summary>
    public Dictionary<string, double> TakeMillisecondsPerQuery(int queries)
    {
        var perQuery = _seconds.ToDictionary(s => s.Key, s => s.Value * 1000 / Math.Max(queries, 1), StringComparer.Ordinal);
        Clear();
        return perQuery;
    }

    public void Dispose() => _listener.Dispose();
}
