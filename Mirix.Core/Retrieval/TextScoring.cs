using System.Globalization;
using System.Text;

namespace Mirix.Core.Retrieval;

/// <summary>Query tokens for full-text search, and the partial fuzzy ratio of <c>fuzzy_match</c>.</summary>
public static class TextScoring
{
    // Function words carry no topic; dropping them lets names, dates and rare nouns decide the ranking.
    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "did", "do", "does", "for", "from", "had", "has", "have",
        "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our",
        "she", "so", "that", "the", "their", "them", "then", "there", "they", "this", "to", "was", "we", "were", "what", "when",
        "where", "which", "who", "why", "will", "with", "would", "you", "your",
    ];

    /// <summary>Lower-case word tokens of two characters or more (MIRIX drops one-character tokens), without stop words.</summary>
    public static List<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.ToLower(CultureInfo.InvariantCulture))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
                continue;
            }
            Flush();
        }
        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 1 && !StopWords.Contains(current.ToString()))
            {
                tokens.Add(current.ToString());
            }
            current.Clear();
        }
    }

    /// <summary>
    /// 0..1: how well the query matches the best-matching stretch of the text (1 = it occurs verbatim), ignoring case.
    /// </summary>
    public static double PartialRatio(string text, string query)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(query);
        var a = query.ToLower(CultureInfo.InvariantCulture);
        var b = text.ToLower(CultureInfo.InvariantCulture);
        if (a.Length == 0)
        {
            return 0;
        }
        if (b.Contains(a, StringComparison.Ordinal))
        {
            return 1;
        }
        if (b.Length <= a.Length)
        {
            return 1 - ((double)Levenshtein(a, b) / a.Length);
        }
        var best = 0.0;
        for (var start = 0; start + a.Length <= b.Length; start++)
        {
            best = Math.Max(best, 1 - ((double)Levenshtein(a, b.Substring(start, a.Length)) / a.Length));
        }
        return best;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
