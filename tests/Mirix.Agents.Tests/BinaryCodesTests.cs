using System.Numerics.Tensors;
using Mirix.Core.Retrieval.Vector;

namespace Mirix.Agents.Tests;

/// <summary>
/// The one-bit codes of the in-process vector index, on synthetic embeddings shaped like real ones (a direction every
/// vector shares, topics, noise): the candidates they pick, rescored exactly, find the exact scan's nearest ten.
/// docs/benchmarks/vector-codes-all-MiniLM-L6-v2.md measures the same on LoCoMo's real embeddings.
/// </summary>
public sealed class BinaryCodesTests
{
    private const int Dimensions = 384;

    [Fact]
    public void A_384_dimension_vector_takes_at_most_64_bytes()
    {
        // The code, its scale factor and its set-bit count (kept for CodeBlocks).
        Assert.True(BinaryCodes.BytesFor(Dimensions) + sizeof(float) + sizeof(float) <= 64);
    }

    [Fact]
    public void Rescored_candidates_of_the_codes_find_the_exact_nearest_ten_at_least_99_times_in_100()
    {
        var random = new Random(15);
        var shared = Unit(Gaussian(random, 1));
        var topics = Enumerable.Range(0, 300).Select(_ => Unit(Gaussian(random, 1))).ToList();
        float[] Sample() => Unit(Mix(shared, 0.8f, topics[random.Next(topics.Count)], 0.6f, Gaussian(random, 0.05f)));
        var vectors = Enumerable.Range(0, 20_000).Select(_ => Sample()).ToList();
        var queries = Enumerable.Range(0, 100).Select(_ => Sample()).ToList();

        var centroid = new float[Dimensions];
        vectors.ForEach(v => TensorPrimitives.Add(centroid, v, centroid));
        TensorPrimitives.Divide(centroid, vectors.Count, centroid);
        var bytes = BinaryCodes.BytesFor(Dimensions);
        var codes = new byte[vectors.Count * bytes];
        var factors = vectors.Select((v, i) => BinaryCodes.Encode(v, centroid, codes.AsSpan(i * bytes, bytes))).ToArray();

        const int K = 10;
        var found = 0;
        foreach (var query in queries)
        {
            var exact = Enumerable.Range(0, vectors.Count).OrderByDescending(i => TensorPrimitives.Dot(query, vectors[i])).Take(K).ToHashSet();
            var coded = new BinaryCodes.Query(query);
            var candidates = Enumerable.Range(0, vectors.Count)
                .OrderByDescending(i => coded.Estimate(codes.AsSpan(i * bytes, bytes), factors[i]))
                .Take(VectorSetCache.Candidates(K));
            found += candidates.OrderByDescending(i => TensorPrimitives.Dot(query, vectors[i])).Take(K).Count(exact.Contains);
        }
        var recall = found / (double)(queries.Count * K);
        Assert.True(recall >= 0.99, $"recall@10 {recall:F3}");
    }

    [Fact]
    public void The_estimate_follows_the_exact_similarity_around_the_centroid()
    {
        var random = new Random(7);
        var centroid = Unit(Gaussian(random, 1));
        TensorPrimitives.Multiply(centroid, 0.5f, centroid);
        var query = Unit(Gaussian(random, 1));
        var coded = new BinaryCodes.Query(query);
        var code = new byte[BinaryCodes.BytesFor(Dimensions)];
        // The estimate leaves out the query's similarity with the centroid, the same for every vector.
        var pairs = Enumerable.Range(0, 2000).Select(_ =>
        {
            var v = Unit(Gaussian(random, 1));
            var factor = BinaryCodes.Encode(v, centroid, code);
            return (Exact: TensorPrimitives.Dot(query, v) - TensorPrimitives.Dot(query, centroid), Estimate: coded.Estimate(code, factor));
        }).ToList();
        var correlation = TensorPrimitives.CosineSimilarity(
            pairs.Select(p => p.Exact - pairs.Average(q => q.Exact)).ToArray(), pairs.Select(p => p.Estimate - pairs.Average(q => q.Estimate)).ToArray());
        Assert.True(correlation > 0.7, $"correlation {correlation:F2}");
    }

    [Theory]
    [InlineData(20)]
    [InlineData(100)]
    [InlineData(384)]
    public void The_estimate_is_the_signed_sum_of_the_query_rounded_to_6_bits_in_whole_and_partial_words(int dimensions)
    {
        var random = new Random(dimensions);
        var query = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var step = (query.Max() - query.Min()) / 63;
        var coded = new BinaryCodes.Query(query);
        var code = new byte[BinaryCodes.BytesFor(dimensions)];
        for (var trial = 0; trial < 50; trial++)
        {
            var vector = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            var factor = BinaryCodes.Encode(vector, new float[dimensions], code);
            var signed = Enumerable.Range(0, dimensions).Sum(i => vector[i] > 0 ? query[i] : -query[i]);
            // Each component is off by at most half a step.
            Assert.InRange(coded.Estimate(code, factor) / factor, signed - (dimensions * step / 2) - 1e-3, signed + (dimensions * step / 2) + 1e-3);
        }
    }

    private static float[] Gaussian(Random random, float scale) =>
        Enumerable.Range(0, Dimensions).Select(_ => scale * (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray();

    private static float[] Mix(float[] a, float wa, float[] b, float wb, float[] noise) =>
        Enumerable.Range(0, Dimensions).Select(i => (wa * a[i]) + (wb * b[i]) + noise[i]).ToArray();

    private static float[] Unit(float[] v)
    {
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }
}
