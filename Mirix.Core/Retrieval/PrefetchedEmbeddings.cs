using System.Collections.Concurrent;

namespace Mirix.Core.Retrieval;

/// <summary>
/// Vectors embedded ahead of their write, in one batch for many waiting messages, and taken (once) by the indexer when
/// the write comes. Only an optimisation: a vector not found here is embedded where it is needed. Bounded by
/// <see cref="MaxEntries"/>; texts longer than <see cref="MaxTextLength"/> are not kept (the key is the text).
/// </summary>
public sealed class PrefetchedEmbeddings
{
    public const int MaxEntries = 4096;
    public const int MaxTextLength = 4000;

    private readonly ConcurrentDictionary<(string Model, string Text), float[]> _vectors = new();

    public static bool Keeps(string text) => text.Length <= MaxTextLength;

    public void Add(string model, string text, float[] vector)
    {
        if (!Keeps(text))
        {
            return;
        }
        // Vectors whose message was handled elsewhere (a redelivery, another worker) are never taken: start afresh when full.
        if (_vectors.Count >= MaxEntries)
        {
            _vectors.Clear();
        }
        _vectors[(model, text)] = vector;
    }

    public bool TryTake(string model, string text, out float[] vector) =>
        _vectors.TryRemove((model, text), out vector!);

    public bool Contains(string model, string text) => _vectors.ContainsKey((model, text));
}
