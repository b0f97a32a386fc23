using System.Numerics.Tensors;
using Mirix.Core.Retrieval;

namespace Mirix.Agents.Tests;

public sealed class LocalEmbeddingBatchTests
{
    private static readonly string[] Questions =
    [
        "When did Caroline go to the LGBTQ support group?",
        "What did Melanie paint?",
        "Where did Jon open his dance studio?",
        "What is the name of the puppy?",
        "Which race does Maria plan to run?",
        "Tea?",
        "How long has Gina been running, and why did she start after the summer of the camping trip?",
        "Who called back?",
    ];

    [Fact]
    public async Task Questions_asked_at_once_each_get_their_own_embedding()
    {
        using var generator = new LocalEmbeddingGenerator(new EmbeddingOptions());
        var alone = new List<ReadOnlyMemory<float>>();
        foreach (var question in Questions)
        {
            alone.Add((await generator.GenerateAsync([question], cancellationToken: CancellationToken.None))[0].Vector);
        }

        // Four rounds of every question at once: those that wait on a running batch are embedded together.
        var together = await Task.WhenAll(Enumerable.Range(0, 4 * Questions.Length).Select(async i =>
        {
            await Task.Yield();
            return (Index: i % Questions.Length, (await generator.GenerateAsync([Questions[i % Questions.Length]], cancellationToken: CancellationToken.None))[0].Vector);
        }));

        foreach (var (index, vector) in together)
        {
            var similarities = alone.Select(a => TensorPrimitives.CosineSimilarity(vector.Span, a.Span)).ToList();
            Assert.True(similarities[index] > 0.98, $"question {index}: cosine {similarities[index]} with its own embedding");
            Assert.Equal(index, similarities.IndexOf(similarities.Max()));
        }
    }

    [Fact]
    public async Task A_batch_embedded_by_length_comes_back_in_the_callers_order()
    {
        using var generator = new LocalEmbeddingGenerator(new EmbeddingOptions());
        // Longest first, with more texts than one batch holds, so sorting by length moves every text.
        string[] texts =
        [
            "Caroline went to the LGBTQ support group on Tuesday and said the stories there gave her the courage to speak.",
            "Melanie painted a sunrise over the lake last year.",
            "The adoption agency called back.",
            "Jon lost his job as a banker and opened a dance studio with his savings in the spring.",
            "Gina likes running.",
            "They both agreed the camping trip to the mountains was the best weekend of the summer, despite the rain on Saturday.",
            "Pottery class is on Fridays.",
            "A new puppy named Oscar.",
            "Maria volunteers at the homeless shelter every weekend and plans to run a charity race in the autumn.",
            "Tea.",
        ];

        var together = await generator.GenerateAsync(texts, cancellationToken: CancellationToken.None);

        Assert.Equal(texts.Length, together.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = await generator.GenerateAsync([texts[i]], cancellationToken: CancellationToken.None);
            var similarity = TensorPrimitives.CosineSimilarity(together[i].Vector.Span, alone[0].Vector.Span);
            // The default int8 model shares one input scale across a batch, so companions move a vector a little; a text
            // given another's place would be far further off (these texts' cosines to each other are at most 0.6).
            Assert.True(similarity > 0.98, $"text {i}: cosine {similarity} with its own embedding");
        }
    }
}
