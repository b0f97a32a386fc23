namespace Mirix.Core.Retrieval.Vector;

/// <summary>
/// One-bit codes of vectors, for the in-process index where the database cannot rank vectors. A vector is taken relative
/// to its set's centroid (embeddings share a common direction, which would otherwise set most bits alike); each dimension
/// of that residual keeps its sign (48 bytes for 384 dimensions) and the vector keeps one scale factor (4 bytes). A query
/// stays in floats: its dot product with the signs, times the factor, estimates its dot product with the residual, the
/// estimator of RaBitQ (Gao and Long, 2024). The query's dot product with the centroid is the same for every vector of a
/// set, so ranking leaves it out. Codes only pick candidates: the caller rescores the best ones with their exact vectors.
/// </summary>
public static class BinaryCodes
{
    public static int BytesFor(int dimensions) => (dimensions + 7) / 8;

    /// <summary>
    /// Writes the signs of <paramref name="vector"/> minus <paramref name="centroid"/> into <paramref name="code"/>; returns
    /// the residual's scale factor, its squared length over the sum of its absolute values.
    /// </summary>
    public static float Encode(ReadOnlySpan<float> vector, ReadOnlySpan<float> centroid, Span<byte> code)
    {
        code.Clear();
        var absolute = 0f;
        var squared = 0f;
        for (var i = 0; i < vector.Length; i++)
        {
            var residual = vector[i] - centroid[i];
            if (residual > 0)
            {
                code[i >> 3] |= (byte)(1 << (i & 7));
            }
            absolute += Math.Abs(residual);
            squared += residual * residual;
        }
        return absolute > 0 ? squared / absolute : 0;
    }

    /// <summary>
    /// A query prepared for <see cref="Estimate"/>: for each byte of a code and each of its 256 values, the sum of the
    /// query's components whose bits are set, so scoring a code takes one lookup per byte.
    /// </summary>
    public sealed class Query
    {
        private readonly float[] _table;
        private readonly float _sum;
        private readonly int _codeBytes;

        public Query(ReadOnlySpan<float> query)
        {
            _codeBytes = BytesFor(query.Length);
            _table = new float[_codeBytes * 256];
            for (var i = 0; i < query.Length; i++)
            {
                _sum += query[i];
            }
            for (var b = 0; b < _codeBytes; b++)
            {
                var row = _table.AsSpan(b * 256, 256);
                for (var value = 1; value < 256; value++)
                {
                    // A value's sum is its lowest set bit's component plus the sum of the value without that bit.
                    var lowest = System.Numerics.BitOperations.TrailingZeroCount(value);
                    var dimension = (b * 8) + lowest;
                    row[value] = row[value & (value - 1)] + (dimension < query.Length ? query[dimension] : 0);
                }
            }
        }

        /// <summary>
        /// The estimated dot product of the query with the residual of <paramref name="code"/>: the vector's similarity less
        /// the query's similarity with the centroid, which is the same for every vector of the set.
        /// </summary>
        public float Estimate(ReadOnlySpan<byte> code, float factor)
        {
            var set = 0f;
            var table = _table.AsSpan();
            for (var b = 0; b < _codeBytes; b++)
            {
                set += table[(b << 8) | code[b]];
            }
            // Signs are +1 where a bit is set and -1 elsewhere: the signed sum is twice the set part minus the total.
            return factor * ((2 * set) - _sum);
        }
    }
}
