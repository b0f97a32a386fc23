using Mirix.Core.Retrieval.Vector;

namespace Mirix.Agents.Tests;

/// <summary>
/// Codes stored 64 to a block are scored with table lookups in vector registers: every estimate must equal the one
/// <see cref="BinaryCodes.Query.Estimate"/> gives the same code, to the bit, or the in-process index ranks differently.
/// </summary>
public sealed class CodeBlocksTests
{
    [Theory]
    [InlineData(384)]
    [InlineData(100)]
    [InlineData(20)]
    [InlineData(1536)]
    public void A_blocks_estimates_equal_each_codes_own(int dimensions)
    {
        var random = new Random(dimensions);
        var codeBytes = BinaryCodes.BytesFor(dimensions);
        var block = new byte[CodeBlocks.Size * codeBytes];
        var codes = new byte[CodeBlocks.Size][];
        var counts = new float[CodeBlocks.Size];
        var factors = new float[CodeBlocks.Size];
        var centroid = Vector(random, dimensions);
        for (var j = 0; j < CodeBlocks.Size; j++)
        {
            codes[j] = new byte[codeBytes];
            factors[j] = BinaryCodes.Encode(Vector(random, dimensions), centroid, codes[j]);
            CodeBlocks.Write(block, j, codes[j]);
            counts[j] = CodeBlocks.Count(codes[j]);
        }
        var estimates = new float[CodeBlocks.Size];
        for (var trial = 0; trial < 20; trial++)
        {
            var query = new BinaryCodes.Query(Vector(random, dimensions));
            CodeBlocks.Estimate(query, codeBytes, block, counts, factors, estimates);
            for (var j = 0; j < CodeBlocks.Size; j++)
            {
                Assert.Equal(query.Estimate(codes[j], factors[j]), estimates[j]);
            }
        }
    }

    [Theory]
    [InlineData(1536)]
    [InlineData(3072)]
    public void Long_codes_whose_levels_sum_past_16_bits_still_equal_each_codes_own(int dimensions)
    {
        // Every sign set and the query at its highest level nearly everywhere: sums far beyond 65,535.
        var codeBytes = BinaryCodes.BytesFor(dimensions);
        var block = new byte[CodeBlocks.Size * codeBytes];
        var code = Enumerable.Repeat((byte)0xFF, codeBytes).ToArray();
        var counts = new float[CodeBlocks.Size];
        var factors = new float[CodeBlocks.Size];
        for (var j = 0; j < CodeBlocks.Size; j++)
        {
            CodeBlocks.Write(block, j, code);
            counts[j] = CodeBlocks.Count(code);
            factors[j] = 1 + j;
        }
        var components = Enumerable.Repeat(1f, dimensions).ToArray();
        components[0] = -1;
        var query = new BinaryCodes.Query(components);
        var estimates = new float[CodeBlocks.Size];
        CodeBlocks.Estimate(query, codeBytes, block, counts, factors, estimates);
        for (var j = 0; j < CodeBlocks.Size; j++)
        {
            Assert.Equal(query.Estimate(code, factors[j]), estimates[j]);
        }
    }

    [Fact]
    public void A_code_reads_back_as_written_from_any_slot_of_later_blocks()
    {
        var random = new Random(3);
        const int codeBytes = 48;
        var codes = new byte[3 * CodeBlocks.Size * codeBytes];
        var written = new Dictionary<int, byte[]>();
        foreach (var slot in new[] { 0, 31, 32, 63, 64, 100, 191 })
        {
            var code = new byte[codeBytes];
            random.NextBytes(code);
            CodeBlocks.Write(codes, slot, code);
            written[slot] = code;
        }
        var read = new byte[codeBytes];
        foreach (var (slot, code) in written)
        {
            CodeBlocks.Read(codes, slot, read);
            Assert.Equal(code, read);
        }
    }

    [Fact]
    public void The_count_is_the_codes_set_bits()
    {
        Assert.Equal(0 + 8 + 1 + 4, CodeBlocks.Count([0x00, 0xFF, 0x10, 0x0F]));
    }

    private static float[] Vector(Random random, int dimensions) =>
        Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
}
