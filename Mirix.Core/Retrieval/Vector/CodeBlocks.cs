using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mirix.Core.Retrieval.Vector;

/// <summary>
/// <see cref="BinaryCodes"/> stored 64 to a block, byte by byte across the block: byte k of the block's 64 codes lies in
/// one 64-byte row. A query then scores a whole block with one table lookup per half byte of a code, 64 codes per
/// vector instruction (the "fast scan" of RaBitQ and FAISS): each half byte holds the signs of four dimensions, and a
/// 16-entry table of the query's 6-bit levels summed over those four (at most 252, a byte) replaces seven population
/// counts per 64 dimensions. The estimates are exactly <see cref="BinaryCodes.Query.Estimate"/>'s: the same integers,
/// then the same floating-point steps. In a row, code j lies at byte 2j for j &lt; 32 and 2(j - 32) + 1 after, so that
/// widening the row's bytes to 16 bits puts codes 0-31 in the even bytes and 32-63 in the odd ones, in order.
/// </summary>
public static class CodeBlocks
{
    public const int Size = 64;

    /// <summary>
    /// Code bytes summed in 16-bit lanes before the sums are widened: a byte adds at most 2 × 252, so 128 bytes (1,024
    /// dimensions) stay below 65,536, and longer codes (OpenAI's 1,536 or 3,072 dimensions) are summed in parts.
    /// </summary>
    private const int BytesPerSum = 128;

    /// <summary>Where byte <paramref name="k"/> of the code in <paramref name="slot"/> lies in its array.</summary>
    private static int Offset(int codeBytes, int slot, int k)
    {
        var j = slot % Size;
        return (slot / Size * Size * codeBytes) + (k * Size) + (j < Size / 2 ? 2 * j : (2 * (j - (Size / 2))) + 1);
    }

    /// <summary>Writes <paramref name="code"/> into slot <paramref name="slot"/> of <paramref name="codes"/> (whole blocks).</summary>
    public static void Write(Span<byte> codes, int slot, ReadOnlySpan<byte> code)
    {
        for (var k = 0; k < code.Length; k++)
        {
            codes[Offset(code.Length, slot, k)] = code[k];
        }
    }

    /// <summary>Reads the code in slot <paramref name="slot"/> of <paramref name="codes"/> into <paramref name="code"/>.</summary>
    public static void Read(ReadOnlySpan<byte> codes, int slot, Span<byte> code)
    {
        for (var k = 0; k < code.Length; k++)
        {
            code[k] = codes[Offset(code.Length, slot, k)];
        }
    }

    /// <summary>The number of set bits in <paramref name="code"/>: a block's estimates need it, and it never changes.</summary>
    public static float Count(ReadOnlySpan<byte> code)
    {
        var count = 0;
        foreach (var b in code)
        {
            count += BitOperations.PopCount(b);
        }
        return count;
    }

    /// <summary>
    /// The estimates of the 64 codes of <paramref name="block"/> (64 rows of <paramref name="codeBytes"/>), given each code's
    /// <see cref="Count"/> and scale factor. Slots past a set's end score whatever they hold; the caller ignores them.
    /// </summary>
    public static void Estimate(
        BinaryCodes.Query query, int codeBytes, ReadOnlySpan<byte> block, ReadOnlySpan<float> counts, ReadOnlySpan<float> factors, Span<float> estimates)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (codeBytes != query.CodeBytes || block.Length < Size * codeBytes || counts.Length < Size || factors.Length < Size || estimates.Length < Size)
        {
            throw new ArgumentException($"A block of {Size} codes of {query.CodeBytes} bytes was expected.", nameof(block));
        }
        if (Avx512BW.IsSupported)
        {
            Estimate512(query, codeBytes, block, counts, factors, estimates);
        }
        else if (Avx2.IsSupported)
        {
            Estimate256(query, codeBytes, block, counts, factors, estimates);
        }
        else
        {
            Span<byte> code = stackalloc byte[codeBytes];
            for (var j = 0; j < Size; j++)
            {
                Read(block, j, code);
                estimates[j] = query.Estimate(code, factors[j]);
            }
        }
    }

    private static void Estimate512(
        BinaryCodes.Query query, int codeBytes, ReadOnlySpan<byte> block, ReadOnlySpan<float> counts, ReadOnlySpan<float> factors, Span<float> estimates)
    {
        ref var rows = ref MemoryMarshal.GetReference(block);
        ref var tables = ref MemoryMarshal.GetArrayDataReference(query.NibbleSums);
        var nibble = Vector512.Create((byte)0x0F);
        var lowByte = Vector512.Create((ushort)0x00FF);
        Vector512<uint> first = default, second = default, third = default, fourth = default;
        for (var part = 0; part < codeBytes; part += BytesPerSum)
        {
            Vector512<ushort> even = default, odd = default;
            for (var k = part; k < Math.Min(codeBytes, part + BytesPerSum); k++)
            {
                var row = Vector512.LoadUnsafe(ref rows, (nuint)(k * Size));
                var low = Avx512BW.Shuffle(Vector512.Create(Vector128.LoadUnsafe(ref tables, (nuint)(32 * k))), row & nibble).AsUInt16();
                var high = Avx512BW.Shuffle(
                    Vector512.Create(Vector128.LoadUnsafe(ref tables, (nuint)((32 * k) + 16))), Vector512.ShiftRightLogical(row.AsUInt16(), 4).AsByte() & nibble).AsUInt16();
                even += (low & lowByte) + (high & lowByte);
                odd += Vector512.ShiftRightLogical(low, 8) + Vector512.ShiftRightLogical(high, 8);
            }
            var (evenLower, evenUpper) = Vector512.Widen(even);
            var (oddLower, oddUpper) = Vector512.Widen(odd);
            (first, second, third, fourth) = (first + evenLower, second + evenUpper, third + oddLower, fourth + oddUpper);
        }
        foreach (var (levels, start) in (ReadOnlySpan<(Vector512<uint>, int)>)[(first, 0), (second, 16), (third, 32), (fourth, 48)])
        {
            Finish(query, levels.GetLower(), counts, factors, estimates, start);
            Finish(query, levels.GetUpper(), counts, factors, estimates, start + 8);
        }
    }

    private static void Estimate256(
        BinaryCodes.Query query, int codeBytes, ReadOnlySpan<byte> block, ReadOnlySpan<float> counts, ReadOnlySpan<float> factors, Span<float> estimates)
    {
        ref var rows = ref MemoryMarshal.GetReference(block);
        ref var tables = ref MemoryMarshal.GetArrayDataReference(query.NibbleSums);
        var nibble = Vector256.Create((byte)0x0F);
        var lowByte = Vector256.Create((ushort)0x00FF);
        // Eight codes' sums each, in code order.
        Span<Vector256<uint>> sums = stackalloc Vector256<uint>[Size / 8];
        sums.Clear();
        for (var part = 0; part < codeBytes; part += BytesPerSum)
        {
            // A row's first 32 bytes hold codes 0-15 (even bytes) and 32-47 (odd); its last 32 codes 16-31 and 48-63.
            Vector256<ushort> even0 = default, odd0 = default, even1 = default, odd1 = default;
            for (var k = part; k < Math.Min(codeBytes, part + BytesPerSum); k++)
            {
                var lowTable = Vector256.Create(Vector128.LoadUnsafe(ref tables, (nuint)(32 * k)));
                var highTable = Vector256.Create(Vector128.LoadUnsafe(ref tables, (nuint)((32 * k) + 16)));
                var row0 = Vector256.LoadUnsafe(ref rows, (nuint)(k * Size));
                var row1 = Vector256.LoadUnsafe(ref rows, (nuint)((k * Size) + 32));
                var low0 = Avx2.Shuffle(lowTable, row0 & nibble).AsUInt16();
                var high0 = Avx2.Shuffle(highTable, Vector256.ShiftRightLogical(row0.AsUInt16(), 4).AsByte() & nibble).AsUInt16();
                var low1 = Avx2.Shuffle(lowTable, row1 & nibble).AsUInt16();
                var high1 = Avx2.Shuffle(highTable, Vector256.ShiftRightLogical(row1.AsUInt16(), 4).AsByte() & nibble).AsUInt16();
                even0 += (low0 & lowByte) + (high0 & lowByte);
                odd0 += Vector256.ShiftRightLogical(low0, 8) + Vector256.ShiftRightLogical(high0, 8);
                even1 += (low1 & lowByte) + (high1 & lowByte);
                odd1 += Vector256.ShiftRightLogical(low1, 8) + Vector256.ShiftRightLogical(high1, 8);
            }
            var at = 0;
            foreach (var levels in (ReadOnlySpan<Vector256<ushort>>)[even0, even1, odd0, odd1])
            {
                var (lower, upper) = Vector256.Widen(levels);
                sums[at++] += lower;
                sums[at++] += upper;
            }
        }
        for (var i = 0; i < sums.Length; i++)
        {
            Finish(query, sums[i], counts, factors, estimates, 8 * i);
        }
    }

    /// <summary>Eight estimates from their codes' summed levels, in <see cref="BinaryCodes.Query.Estimate"/>'s steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(
        BinaryCodes.Query query, Vector256<uint> levels, ReadOnlySpan<float> counts, ReadOnlySpan<float> factors, Span<float> estimates, int first)
    {
        var count = Vector256.Create(counts.Slice(first, 8));
        var factor = Vector256.Create(factors.Slice(first, 8));
        var set = (Vector256.Create(query.Low) * count) + (Vector256.Create(query.Step) * Vector256.ConvertToSingle(levels));
        (factor * ((Vector256.Create(2f) * set) - Vector256.Create(query.Sum))).CopyTo(estimates.Slice(first, 8));
    }
}
