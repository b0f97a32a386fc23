using Microsoft.Data.Sqlite;
using Mirix.Core.Retrieval.FullText;

namespace Mirix.Agents.Tests;

/// <summary>
/// The stemmer must name the terms SQLite's FTS5 indexes, or common words are looked up under the wrong term: each word
/// goes through an in-memory FTS5 table with the tokenizer the memory tables use, and its term is compared.
/// </summary>
public sealed class PorterStemmerTests
{
    // Porter's own examples for every step, and everyday words of conversations.
    private static readonly string[] Words =
    [
        "caresses", "ponies", "ties", "caress", "cats", "feed", "agreed", "plastered", "bled", "motoring", "sing", "conflated",
        "troubled", "sized", "hopping", "tanned", "falling", "hissing", "fizzed", "failing", "filing", "happy", "sky",
        "relational", "conditional", "rational", "valenci", "hesitanci", "digitizer", "conformabli", "radicalli",
        "differentli", "vileli", "analogousli", "vietnamization", "predication", "operator", "feudalism", "decisiveness",
        "hopefulness", "callousness", "formaliti", "sensitiviti", "sensibiliti", "triplicate", "formative", "formalize",
        "electriciti", "electrical", "hopeful", "goodness", "revival", "allowance", "inference", "airliner", "gyroscopic",
        "adjustable", "defensible", "irritant", "replacement", "adjustment", "dependent", "adoption", "homologou",
        "communism", "activate", "angulariti", "homologous", "effective", "bowdlerize", "probate", "rate", "cease",
        "controlling", "rolling", "generalizations", "oscillators", "yesterday", "caroline", "melanie", "painting",
        "pottery", "camping", "children", "adoption", "counseling", "transgender", "lgbtq", "support", "group", "running",
        "beautiful", "friends", "family", "daughter", "played", "playing", "plays", "mornings", "studies", "studying",
        "happiness", "happily", "sunflowers", "museum", "guitars", "violinist", "sourdough", "espresso", "mortgages",
        "pension", "vacation", "recently", "anniversary", "birthday", "yoga", "meditation", "volunteering", "shelter",
        "dogs", "puppies", "zoë", "café", "naïve", "x1", "abc123", "2023", "may", "go", "eyes", "skies", "dying", "lying",
        "agreement", "generously", "hope", "hoping", "hoped", "fly", "flies", "flying", "berries", "boss", "bosses",
    ];

    [Fact]
    public void Each_word_stems_to_the_term_FTS5_indexes()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        var mismatches = new List<string>();
        foreach (var word in Words.Distinct())
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                DROP TABLE IF EXISTS v; DROP TABLE IF EXISTS t;
                CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61'); CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');
                INSERT INTO t(x) VALUES ($w); SELECT group_concat(term, ' ') FROM v;
                """;
            insert.Parameters.AddWithValue("$w", word);
            var indexed = (string)insert.ExecuteScalar()!;
            if (indexed != PorterStemmer.Term(word))
            {
                mismatches.Add($"{word}: FTS5 {indexed}, ours {PorterStemmer.Term(word)}");
            }
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Stemming_strips_suffixes_step_by_step()
    {
        Assert.Equal("gener", PorterStemmer.Stem("generalizations"));
        Assert.Equal("poni", PorterStemmer.Stem("ponies"));
        Assert.Equal("hop", PorterStemmer.Stem("hopping"));
        Assert.Equal("file", PorterStemmer.Stem("filing"));
    }
}
