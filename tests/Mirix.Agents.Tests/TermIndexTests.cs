using Microsoft.Data.Sqlite;
using Mirix.Core.Retrieval.FullText;

namespace Mirix.Agents.Tests;

/// <summary>
/// The in-process term index tokenizes as SQLite's FTS5 index does, scores BM25 as FTS5's <c>bm25()</c> does, and keeps
/// each snapshot's answers while later documents are appended to the storage it shares.
/// </summary>
public sealed class TermIndexTests
{
    private static readonly string[] Texts =
    [
        "Caroline: I went to the LGBTQ support group yesterday, it was so powerful!",
        "Melanie: Zoë's café-bar opened on 7 May 2023 — naïve art, 42½ paintings & pottery.",
        "用户 wrote x1 and abc123 at 10:45; e-mail: someone@example.com",
        "   leading and trailing spaces   ",
        "",
    ];

    [Fact]
    public void Documents_are_split_and_stemmed_into_the_terms_FTS5_indexes_for_them()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61'); CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');";
            create.ExecuteNonQuery();
        }
        for (var i = 0; i < Texts.Length; i++)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t(rowid, x) VALUES ($id, $x)";
            insert.Parameters.AddWithValue("$id", i + 1);
            insert.Parameters.AddWithValue("$x", Texts[i]);
            insert.ExecuteNonQuery();
        }
        for (var i = 0; i < Texts.Length; i++)
        {
            using var terms = connection.CreateCommand();
            terms.CommandText = "SELECT term FROM v WHERE doc = $id ORDER BY offset";
            terms.Parameters.AddWithValue("$id", i + 1);
            var indexed = new List<string>();
            using (var reader = terms.ExecuteReader())
            {
                while (reader.Read())
                {
                    indexed.Add(reader.GetString(0));
                }
            }
            var tokens = new List<string>();
            TermIndex.Tokens(Texts[i], tokens);

            Assert.Equal(indexed, tokens.ConvertAll(PorterStemmer.Term));
        }
    }

    [Fact]
    public void Matches_of_any_or_every_term_score_bm25_over_the_indexed_documents_best_first()
    {
        string[] texts = ["kiwi kiwi tart", "kiwi", "mango salad with lime and chili", "tart cherries", "plain bread", "more plain bread"];
        var index = TermIndex.Append(null, texts.Select((t, i) => new TermIndex.Document(i, $"m{i}", t)));

        var best = index.Best(["kiwi", "tart"], 10);

        // FTS5's bm25(): idf = ln((N - n + 0.5) / (n + 0.5)), each term's tf·(k1 + 1) / (tf + k1·(1 - b + b·len/avg)).
        var average = 17.0 / 6;
        double Term(int documentsWithIt, int frequency, int length) =>
            Math.Log((6 - documentsWithIt + 0.5) / (documentsWithIt + 0.5)) * frequency * 2.2 / (frequency + (1.2 * (0.25 + (0.75 * length / average))));
        Assert.Equal(["m0", "m1", "m3"], best.Select(b => b.MemoryId));
        Assert.Equal(Term(2, 2, 3) + Term(2, 1, 3), best[0].Score, 12);
        Assert.Equal(Term(2, 1, 1), best[1].Score, 12);
        Assert.Equal(Term(2, 1, 2), best[2].Score, 12);
        Assert.Equal(["m0"], index.Best(["kiwi", "tart"], 1).Select(b => b.MemoryId));
        Assert.Empty(index.Best(["durian"], 10));
        var both = index.Best(["kiwi", "tart"], 10, everyTerm: true);
        Assert.Equal(["m0"], both.Select(b => b.MemoryId));
        Assert.Equal(best[0].Score, both[0].Score, 12);
        Assert.Empty(index.Best(["kiwi", "durian"], 10, everyTerm: true));
    }

    [Fact]
    public void The_best_few_are_the_head_of_the_whole_ranking_to_the_last_bit()
    {
        // Words drawn with Zipf's law, as a conversation's: two names in most texts, a long tail of rare words, so queries
        // match thousands of documents with many equal scores.
        var random = new Random(7);
        var vocabulary = Enumerable.Range(0, 2_000).Select(i => $"w{i}").ToArray();
        string Word() => vocabulary[(int)Math.Min(vocabulary.Length - 1, Math.Floor(Math.Pow(vocabulary.Length, random.NextDouble())) - 1)];
        var texts = Enumerable.Range(0, 5_000).Select(i =>
            (i % 3 == 0 ? "caroline " : "melanie ") + string.Join(' ', Enumerable.Range(0, random.Next(3, 25)).Select(_ => Word())));
        var index = TermIndex.Append(null, texts.Select((t, i) => new TermIndex.Document(i, $"m{i}", t)));

        for (var q = 0; q < 200; q++)
        {
            string[] query = [.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(4) == 0 ? (q % 2 == 0 ? "caroline" : "melanie") : Word())];
            var whole = index.Best(query, int.MaxValue);
            foreach (var count in new[] { 1, 10, 300 })
            {
                Assert.Equal(whole.Take(count), index.Best(query, count));
            }
        }
    }

    [Fact]
    public void Equal_scores_go_to_the_later_document()
    {
        var index = TermIndex.Append(null, Enumerable.Range(0, 5).Select(i => new TermIndex.Document(i, $"m{i}", "same words here")));

        Assert.Equal(["m4", "m3"], index.Best(["word"], 2).Select(b => b.MemoryId));
    }

    [Fact]
    public void A_snapshot_answers_as_it_did_after_more_documents_are_appended_to_its_storage()
    {
        var first = TermIndex.Append(null, Enumerable.Range(0, 3).Select(i => new TermIndex.Document(i, $"m{i}", $"kiwi note {i}")));
        var before = first.Best(["kiwi"], 100);

        // Enough to regrow the document arrays and the postings several times over.
        var second = TermIndex.Append(first, Enumerable.Range(3, 200).Select(i => new TermIndex.Document(i, $"m{i}", $"kiwi kiwi note {i}")));

        Assert.Equal(before, first.Best(["kiwi"], 100));
        Assert.Equal(3, first.Count);
        Assert.Equal(203, second.Count);
        Assert.Equal(202, second.MaxKey);
        Assert.Equal(100, second.Best(["kiwi"], 100).Count);
        Assert.Equal(203, second.Best(["note"], 1000).Count);
    }
}
