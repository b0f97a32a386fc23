namespace Mirix.Core.Ingestion;

/// <summary>A doubling delay between a minimum and a maximum, for polling and reconnect loops.</summary>
internal sealed class Backoff(TimeSpan min, TimeSpan max)
{
    private TimeSpan? _next;

    public TimeSpan Next()
    {
        var current = _next ?? min;
        _next = TimeSpan.FromTicks(Math.Min(current.Ticks * 2, max.Ticks));
        return current;
    }

    public void Reset() => _next = null;
}
