using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mirix.Core.Retrieval;

/// <summary>
/// Where a ranked search spends its time, recorded as the histogram <see cref="DurationInstrument"/> (seconds) with the
/// stage in the <c>stage</c> tag: an operator sees which part a slow search waits on, and the search-latency benchmark
/// reports the same breakdown. A hybrid search's two signals overlap in time, so its stages add up to more than its
/// latency.
/// </summary>
public static class SearchStages
{
    public const string TelemetryName = "Mirix.Search";
    public const string DurationInstrument = "mirix.search.stage.duration";
    public const string StageTag = "stage";

    /// <summary>Embedding the query (a cached query vector takes microseconds).</summary>
    public const string QueryEmbedding = "query_embedding";
    /// <summary>Checking the in-process vector set is current, and reading what changed or the whole set when it is not.</summary>
    public const string VectorSet = "vector_set";
    /// <summary>Ranking the set's one-bit codes, or the exact scan of a search across users.</summary>
    public const string VectorScan = "vector_scan";
    /// <summary>Reading the best candidates' exact vectors, scoring them, and reading the nearest ones' rows.</summary>
    public const string VectorRescore = "vector_rescore";
    /// <summary>pgvector's nearest neighbours and their rows.</summary>
    public const string VectorIndex = "vector_index";
    /// <summary>The full-text index's matches of the pool, joined to the visible memories.</summary>
    public const string FullText = "full_text";
    /// <summary>Reading the answer's memories whole.</summary>
    public const string Rows = "rows";

    private static readonly Meter Meter = new(TelemetryName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationInstrument, "s", "Time in one stage of a ranked search");

    /// <summary>Times <paramref name="stage"/> until the result is disposed.</summary>
    public static Timing Time(string stage) => new(stage, Stopwatch.GetTimestamp());

    public readonly struct Timing(string stage, long started) : IDisposable
    {
        public void Dispose() => Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(StageTag, stage));
    }
}
