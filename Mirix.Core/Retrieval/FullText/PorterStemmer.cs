using System.Globalization;
using System.Text;

namespace Mirix.Core.Retrieval.FullText;

/// <summary>
/// Martin Porter's 1980 suffix-stripping algorithm, as SQLite's FTS5 <c>porter</c> tokenizer applies it to the
/// <c>unicode61</c> tokenizer's output (lower case, diacritics removed): the terms its index holds. Used to look up how
/// many rows hold a query word; a word it stems differently from SQLite is only looked up under the wrong term.
/// </summary>
public static class PorterStemmer
{
    // FTS5 leaves shorter and longer tokens as they are.
    private const int MinLength = 3;
    private const int MaxLength = 64;

    private static readonly (string Suffix, string Replacement)[] Step2Rules =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("logi", "log"),
        ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"),
        ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
        ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3Rules =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti",
        "ous", "ive", "ize",
    ];

    /// <summary>The term FTS5 indexes for a word: folded as <c>unicode61</c> folds it, then stemmed when it is plain a-z.</summary>
    public static string Term(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var folded = Fold(word);
        return folded.Length is >= MinLength and <= MaxLength && folded.All(char.IsAsciiLetterLower) ? Stem(folded) : folded;
    }

    /// <summary>Lower case without diacritics ("Zoë" is "zoe").</summary>
    private static string Fold(string word)
    {
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The stem of a lower-case a-z word.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var w = new StringBuilder(word);
        Step1A(w);
        Step1B(w);
        if (w[^1] == 'y' && HasVowel(w, w.Length - 1))
        {
            w[^1] = 'i';
        }
        ReplaceIf(w, Step2Rules, stem => Measure(w, stem) > 0);
        ReplaceIf(w, Step3Rules, stem => Measure(w, stem) > 0);
        Step4(w);
        if (w[^1] == 'e')
        {
            var stem = w.Length - 1;
            if (Measure(w, stem) > 1 || (Measure(w, stem) == 1 && !EndsConsonantVowelConsonant(w, stem)))
            {
                w.Length = stem;
            }
        }
        if (w.Length > 1 && w[^1] == 'l' && w[^2] == 'l' && Measure(w, w.Length - 1) > 1)
        {
            w.Length--;
        }
        return w.ToString();
    }

    private static void Step1A(StringBuilder w)
    {
        if (w[^1] != 's')
        {
            return;
        }
        if (EndsWith(w, "sses") || EndsWith(w, "ies"))
        {
            w.Length -= 2;
        }
        else if (w.Length > 1 && w[^2] != 's')
        {
            w.Length--;
        }
    }

    private static void Step1B(StringBuilder w)
    {
        if (EndsWith(w, "eed"))
        {
            if (Measure(w, w.Length - 3) > 0)
            {
                w.Length--;
            }
            return;
        }
        var suffix = EndsWith(w, "ed") ? 2 : EndsWith(w, "ing") ? 3 : 0;
        if (suffix == 0 || !HasVowel(w, w.Length - suffix))
        {
            return;
        }
        w.Length -= suffix;
        if (EndsWith(w, "at") || EndsWith(w, "bl") || EndsWith(w, "iz"))
        {
            w.Append('e');
        }
        else if (w.Length > 1 && w[^1] == w[^2] && IsConsonant(w, w.Length - 1) && w[^1] is not ('l' or 's' or 'z'))
        {
            w.Length--;
        }
        else if (Measure(w, w.Length) == 1 && EndsConsonantVowelConsonant(w, w.Length))
        {
            w.Append('e');
        }
    }

    private static void Step4(StringBuilder w)
    {
        var suffix = Step4Suffixes.Where(s => EndsWith(w, s)).MaxBy(s => s.Length);
        if (suffix is null)
        {
            return;
        }
        var stem = w.Length - suffix.Length;
        if (suffix == "ion" && (stem == 0 || w[stem - 1] is not ('s' or 't')))
        {
            return;
        }
        if (Measure(w, stem) > 1)
        {
            w.Length = stem;
        }
    }

    /// <summary>The longest listed suffix the word ends with is replaced when its stem passes; shorter ones are not tried.</summary>
    private static void ReplaceIf(StringBuilder w, (string Suffix, string Replacement)[] rules, Func<int, bool> stemPasses)
    {
        var matching = rules.Where(r => EndsWith(w, r.Suffix)).ToList();
        if (matching.Count == 0)
        {
            return;
        }
        var rule = matching.MaxBy(r => r.Suffix.Length);
        var stem = w.Length - rule.Suffix.Length;
        if (stemPasses(stem))
        {
            w.Length = stem;
            w.Append(rule.Replacement);
        }
    }

    private static bool EndsWith(StringBuilder w, string suffix)
    {
        if (w.Length < suffix.Length)
        {
            return false;
        }
        for (var i = 0; i < suffix.Length; i++)
        {
            if (w[w.Length - suffix.Length + i] != suffix[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A consonant: not a vowel, and a 'y' only after a vowel or at the start.</summary>
    private static bool IsConsonant(StringBuilder w, int i) => w[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(w, i - 1),
        _ => true,
    };

    private static bool HasVowel(StringBuilder w, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (!IsConsonant(w, i))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>m in [C](VC)^m[V]: how many vowel-consonant runs the first <paramref name="length"/> letters hold.</summary>
    private static int Measure(StringBuilder w, int length)
    {
        var m = 0;
        var i = 0;
        while (i < length && IsConsonant(w, i))
        {
            i++;
        }
        while (i < length)
        {
            while (i < length && !IsConsonant(w, i))
            {
                i++;
            }
            if (i == length)
            {
                break;
            }
            m++;
            while (i < length && IsConsonant(w, i))
            {
                i++;
            }
        }
        return m;
    }

    /// <summary>*o: the first <paramref name="length"/> letters end consonant-vowel-consonant, the last not w, x or y.</summary>
    private static bool EndsConsonantVowelConsonant(StringBuilder w, int length) =>
        length >= 3 && IsConsonant(w, length - 3) && !IsConsonant(w, length - 2) && IsConsonant(w, length - 1)
        && w[length - 1] is not ('w' or 'x' or 'y');
}
