using System.Security.Cryptography;
using System.Text;

namespace Mirix.Benchmarks;

/// <summary>
/// The reader's and the judge's prompts of the LoCoMo question-answering harness, pinned: a score is only comparable
/// with another made with the same prompts, so the report prints their version and a hash of their text.
/// </summary>
internal static class LocomoQaPrompts
{
    public const string Version = "mirix-locomo-qa-v1";

    public const string Reader = """
        You answer questions about a long conversation between two people, using only the memories retrieved from it
        below. Times in the memories are when things happened. Answer with a short phrase (a few words, a date, a name),
        without explanation. When the memories do not hold the answer, give your best short guess from them.
        """;

    public const string Judge = """
        You grade answers to questions about a conversation. Compare the candidate answer with the gold answer. It is
        CORRECT when it states the same fact as the gold answer, even in other words, with more detail, or with a date
        written differently or relative to the conversation; it is WRONG when it contradicts the gold answer, misses its
        key fact, or says it does not know. Reply with one word: CORRECT or WRONG.
        """;

    public static string ReaderTurn(string memories, string question) => $"Memories:\n{memories}\n\nQuestion: {question}\nShort answer:";

    public static string JudgeTurn(string question, string gold, string candidate) =>
        $"Question: {question}\nGold answer: {gold}\nCandidate answer: {candidate}";

    /// <summary>Whether the judge said CORRECT (its first word decides; anything else is WRONG).</summary>
    public static bool IsCorrect(string verdict) =>
        verdict.TrimStart().StartsWith("CORRECT", StringComparison.OrdinalIgnoreCase);

    public static string Hash => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Reader + "\n" + Judge)))[..12].ToLowerInvariant();
}
