using System.Numerics.Tensors;
using Mirix.Core.Retrieval;

namespace Mirix.Agents.Tests;

public sealed class Int8EmbeddingTests
{
    private static readonly string[] Passages =
    [
        "Caroline went to the LGBTQ support group on Tuesday and said the stories there gave her the courage to speak.",
        "Melanie painted a sunrise over the lake last year.",
        "Jon lost his job as a banker and opened a dance studio with his savings in the spring.",
        "They both agreed the camping trip to the mountains was the best weekend of the summer, despite the rain on Saturday.",
        "Maria volunteers at the homeless shelter every weekend and plans to run a charity race in the autumn.",
        "The quarterly report is due to the finance team by the end of March.",
        "Our staging database runs PostgreSQL 15 with the RUM extension for ranked full-text search.",
        "Gina's new puppy Oscar chewed through the charging cable of her laptop.",
    ];

    private static readonly (string Question, int Passage)[] Questions =
    [
        ("What did Melanie paint?", 1),
        ("Why did Jon start a dance studio?", 2),
        ("Where does Maria volunteer?", 4),
        ("Which database does staging use?", 6),
        ("What did the dog damage?", 7),
    ];

    [Fact]
    public async Task The_int8_model_stays_within_a_cosine_of_0_97_of_the_float_model()
    {
        using var float32 = new LocalEmbeddingGenerator(new EmbeddingOptions());
        using var int8 = new LocalEmbeddingGenerator(new EmbeddingOptions { Model = LocalEmbeddingGenerator.MiniLmInt8ModelId });

        var exact = await float32.GenerateAsync(Passages, cancellationToken: CancellationToken.None);
        var quantized = await int8.GenerateAsync(Passages, cancellationToken: CancellationToken.None);

        var similarities = Enumerable.Range(0, Passages.Length)
            .Select(i => TensorPrimitives.CosineSimilarity(exact[i].Vector.Span, quantized[i].Vector.Span)).Order().ToArray();
        Assert.True(similarities[0] >= 0.97f, $"lowest cosine {similarities[0]}");
        Assert.True(similarities[similarities.Length / 2] >= 0.985f, $"median cosine {similarities[similarities.Length / 2]}");
        Assert.All(quantized, e => Assert.Equal(1f, TensorPrimitives.Norm(e.Vector.Span), 3));
        Assert.All(quantized, e => Assert.Equal(LocalEmbeddingGenerator.MiniLmInt8ModelId, e.ModelId));
    }

    [Fact]
    public async Task The_int8_model_finds_the_passage_each_question_asks_about()
    {
        using var int8 = new LocalEmbeddingGenerator(new EmbeddingOptions { Model = LocalEmbeddingGenerator.MiniLmInt8ModelId });

        var passages = await int8.GenerateAsync(Passages, cancellationToken: CancellationToken.None);
        var questions = await int8.GenerateAsync(Questions.Select(q => q.Question), cancellationToken: CancellationToken.None);

        for (var q = 0; q < Questions.Length; q++)
        {
            var best = Enumerable.Range(0, Passages.Length)
                .MaxBy(p => TensorPrimitives.Dot(questions[q].Vector.Span, passages[p].Vector.Span));
            Assert.True(best == Questions[q].Passage, $"'{Questions[q].Question}' found passage {best}");
        }
    }
}
