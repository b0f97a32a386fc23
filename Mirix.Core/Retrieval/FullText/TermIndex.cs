using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Mirix.Core.Retrieval.FullText;

/// <summary>
/// One user's full-text index of one field of one memory type, held in process: each term's postings (document and term
/// frequency) and each document's length in tokens, tokenized as the FTS5 index is (<c>unicode61</c>, then
/// <see cref="PorterStemmer.Term"/>). It ranks a query's any-term matches with BM25 as FTS5's <c>bm25()</c> computes it
/// (k1 1.2, b 0.75, an idf of at least 10⁻⁶), but over the user's own documents: FTS5 counts a term's rows and the
/// average length across every user of the table, reading each query word's postings in full and each match's length by
/// key (4 ms for a user with 100,000 of a million memories), where this reads only the words' postings in memory.
/// <para>
/// Each document also carries what a search orders and filters its memory by (<see cref="Memory"/>), so a search can
/// judge its pools here instead of reading a row for each of hundreds of candidates.
/// </para>
/// <para>
/// A snapshot is immutable to its readers: documents and postings are appended past its <see cref="Count"/> into storage
/// the next snapshot shares, and readers ignore what lies beyond their own count.
/// </para>
/// </summary>
public sealed class TermIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>Scores and matched terms by document, zero between queries: each query clears the entries it touched.</summary>
    private static readonly ArrayPool<double> ScoreArrays = ArrayPool<double>.Create(1 << 24, 32);

    private static readonly ArrayPool<int> MatchArrays = ArrayPool<int>.Create(1 << 24, 32);

    public static readonly TermIndex Empty = new(0, 0, long.MinValue, [], [], new(StringComparer.Ordinal), new(StringComparer.Ordinal), 0);

    /// <summary>The documents' memories, by position (capacity may exceed <see cref="Count"/>).</summary>
    private readonly Memory[] _memories;

    private readonly int[] _lengths;

    private readonly ConcurrentDictionary<string, Postings> _terms;

    /// <summary>Each memory's position; positions from <see cref="Count"/> on belong to newer snapshots.</summary>
    private readonly ConcurrentDictionary<string, int> _positions;

    private TermIndex(
        int count, long totalLength, long maxKey, Memory[] memories, int[] lengths, ConcurrentDictionary<string, Postings> terms,
        ConcurrentDictionary<string, int> positions, long bytes)
    {
        Count = count;
        TotalLength = totalLength;
        MaxKey = maxKey;
        _memories = memories;
        _lengths = lengths;
        _terms = terms;
        _positions = positions;
        Bytes = bytes;
    }

    /// <summary>How many documents this snapshot holds.</summary>
    public int Count { get; }

    /// <summary>The sum of the documents' lengths in tokens.</summary>
    public long TotalLength { get; }

    /// <summary>The highest FTS5 key read: keys past it are the documents added since.</summary>
    public long MaxKey { get; }

    /// <summary>About what the index holds in memory: memories, positions, lengths, postings and terms, arrays at their capacity.</summary>
    public long Bytes { get; }

    /// <summary>
    /// A document as the full-text index holds it: its key, its memory and the field's text, with what a search orders and
    /// filters the memory by (<see cref="Memory"/>).
    /// </summary>
    public sealed record Document(long Key, string MemoryId, string Text)
    {
        public DateTime CreatedAt { get; init; }

        public DateTime? OccurredAt { get; init; }

        public DateTime? ExpiresAt { get; init; }

        public DateTime? SupersededAt { get; init; }

        public string? Scope { get; init; }
    }

    /// <summary>A document's memory as a search orders it (creation, occurrence) and filters it (expiry, supersession, scope).</summary>
    public readonly record struct Memory(string Id, DateTime CreatedAt, DateTime? OccurredAt, DateTime? ExpiresAt, bool Superseded, string? Scope);

    /// <summary>The memory of <paramref name="memoryId"/> as this snapshot holds it, if it holds one.</summary>
    public bool TryGetMemory(string memoryId, out Memory memory)
    {
        if (_positions.TryGetValue(memoryId, out var position) && position < Count)
        {
            memory = _memories[position];
            return true;
        }
        memory = default;
        return false;
    }

    /// <summary>A term's documents in ascending order with their term frequencies; written only by the index's builder.</summary>
    private sealed class Postings
    {
        public int[] Documents = new int[2];
        public byte[] Frequencies = new byte[2];
        public int Count;
    }

    /// <summary>
    /// This index with <paramref name="documents"/> appended (keys ascending, past <see cref="MaxKey"/>), or a new index
    /// when <paramref name="current"/> is null. Only one builder may append to an index's storage at a time.
    /// </summary>
    public static TermIndex Append(TermIndex? current, IEnumerable<Document> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var fresh = current is null || ReferenceEquals(current, Empty);
        var terms = fresh ? new ConcurrentDictionary<string, Postings>(StringComparer.Ordinal) : current!._terms;
        var (count, total, maxKey, bytes) = fresh ? (0, 0L, long.MinValue, 0L) : (current!.Count, current.TotalLength, current.MaxKey, current.Bytes);
        var positions = fresh ? new ConcurrentDictionary<string, int>(StringComparer.Ordinal) : current!._positions;
        var memories = fresh ? new Memory[16] : current!._memories;
        var lengths = fresh ? new int[16] : current!._lengths;
        bytes += fresh ? memories.Length * (MemoryBytes + sizeof(int)) : 0;
        var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
        var stems = new Dictionary<string, string>(StringComparer.Ordinal);
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokens = new List<string>();
        foreach (var document in documents)
        {
            if (count == memories.Length)
            {
                // Grown by copy: older snapshots keep reading the arrays they were given.
                Array.Resize(ref memories, count * 2);
                Array.Resize(ref lengths, count * 2);
                bytes += count * (MemoryBytes + sizeof(int));
            }
            tokens.Clear();
            Tokens(document.Text, tokens);
            frequencies.Clear();
            foreach (var token in tokens)
            {
                if (!stems.TryGetValue(token, out var term))
                {
                    term = PorterStemmer.Term(token);
                    stems[token] = term;
                }
                frequencies[term] = frequencies.GetValueOrDefault(term) + 1;
            }
            foreach (var (term, frequency) in frequencies)
            {
                if (!terms.TryGetValue(term, out var postings))
                {
                    postings = new Postings();
                    terms[term] = postings;
                    bytes += 90 + (2L * term.Length);
                }
                bytes += Add(postings, count, (byte)Math.Min(frequency, byte.MaxValue));
            }
            // One string per scope: a user's memories share a few.
            var scope = document.Scope;
            if (scope is not null && !scopes.TryAdd(scope, scope))
            {
                scope = scopes[scope];
            }
            memories[count] = new Memory(document.MemoryId, document.CreatedAt, document.OccurredAt, document.ExpiresAt, document.SupersededAt is not null, scope);
            lengths[count] = tokens.Count;
            positions[document.MemoryId] = count;
            total += tokens.Count;
            maxKey = Math.Max(maxKey, document.Key);
            bytes += 22 + (2L * document.MemoryId.Length) + PositionBytes;
            count++;
        }
        return new TermIndex(count, total, maxKey, memories, lengths, terms, positions, bytes);
    }

    /// <summary>A <see cref="Memory"/> in an array: the id and scope references, three dates, two of them nullable, and the flag.</summary>
    private static readonly int MemoryBytes = System.Runtime.CompilerServices.Unsafe.SizeOf<Memory>();

    /// <summary>A position's entry in its dictionary (key, value, hash, next and the node's header), about.</summary>
    private const int PositionBytes = 48;

    /// <summary>Appends one posting; the bytes the postings grew by.</summary>
    private static int Add(Postings postings, int document, byte frequency)
    {
        var grown = 0;
        if (postings.Count == postings.Documents.Length)
        {
            grown = postings.Count * (sizeof(int) + sizeof(byte));
            // New arrays, then the count: a reader that sees the new count with the old arrays stops at their length,
            // and every document it may read (below its snapshot's count) is in both.
            var documents = new int[postings.Count * 2];
            var frequencies = new byte[postings.Count * 2];
            postings.Documents.CopyTo(documents, 0);
            postings.Frequencies.CopyTo(frequencies, 0);
            documents[postings.Count] = document;
            frequencies[postings.Count] = frequency;
            postings.Documents = documents;
            postings.Frequencies = frequencies;
        }
        else
        {
            postings.Documents[postings.Count] = document;
            postings.Frequencies[postings.Count] = frequency;
        }
        Volatile.Write(ref postings.Count, postings.Count + 1);
        return grown;
    }

    /// <summary>
    /// The tokens of <paramref name="text"/> as FTS5's <c>unicode61</c> tokenizer splits it: runs of letters, numbers and
    /// private-use characters; case and diacritics are folded later, with the stem (<see cref="PorterStemmer.Term"/>).
    /// </summary>
    public static void Tokens(string text, List<string> into)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(into);
        var start = -1;
        var position = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsTokenCharacter(rune))
            {
                if (start < 0)
                {
                    start = position;
                }
            }
            else if (start >= 0)
            {
                into.Add(text[start..position]);
                start = -1;
            }
            position += rune.Utf16SequenceLength;
        }
        if (start >= 0)
        {
            into.Add(text[start..]);
        }
    }

    private static bool IsTokenCharacter(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    /// <summary>
    /// The <paramref name="count"/> documents with the highest BM25 score for any of <paramref name="terms"/> (stemmed
    /// terms, each counted once per time it is given, as FTS5 counts each phrase of a query), or for all of them when
    /// <paramref name="everyTerm"/>, best first; ties go to the later document.
    /// </summary>
    public List<(string MemoryId, double Score)> Best(IReadOnlyList<string> terms, int count, bool everyTerm = false)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var n = Count;
        if (n == 0 || count <= 0 || terms.Count == 0)
        {
            return [];
        }
        var averageLength = (double)TotalLength / n;
        var scores = ScoreArrays.Rent(n);
        var matched = everyTerm ? MatchArrays.Rent(n) : null;
        var touched = new List<int>();
        try
        {
            foreach (var term in terms)
            {
                if (!_terms.TryGetValue(term, out var postings))
                {
                    if (everyTerm)
                    {
                        return [];
                    }
                    continue;
                }
                var end = Volatile.Read(ref postings.Count);
                var (documents, frequencies) = (postings.Documents, postings.Frequencies);
                end = Math.Min(end, Math.Min(documents.Length, frequencies.Length));
                // This snapshot's documents come first; later ones belong to newer snapshots.
                var held = documents.AsSpan(0, end).BinarySearch(n);
                end = held >= 0 ? held : ~held;
                if (end == 0)
                {
                    continue;
                }
                var idf = Math.Log((n - end + 0.5) / (end + 0.5));
                idf = idf > 0 ? idf : 1e-6;
                for (var i = 0; i < end; i++)
                {
                    var document = documents[i];
                    var frequency = (double)frequencies[i];
                    if (scores[document] == 0)
                    {
                        touched.Add(document);
                    }
                    scores[document] += idf * frequency * (K1 + 1) / (frequency + (K1 * (1 - B + (B * _lengths[document] / averageLength))));
                    if (matched is not null)
                    {
                        matched[document]++;
                    }
                }
            }
            var best = new PriorityQueue<int, (double Score, int Document)>(Math.Min(count, touched.Count) + 1);
            foreach (var document in touched)
            {
                if (matched is not null && matched[document] < terms.Count)
                {
                    continue;
                }
                var entry = (scores[document], document);
                if (best.Count < count)
                {
                    best.Enqueue(document, entry);
                }
                else if (best.TryPeek(out _, out var worst) && entry.CompareTo(worst) > 0)
                {
                    best.EnqueueDequeue(document, entry);
                }
            }
            var ranked = new List<(string MemoryId, double Score)>(best.Count);
            while (best.TryDequeue(out var document, out var entry))
            {
                ranked.Add((_memories[document].Id, entry.Score));
            }
            ranked.Reverse();
            return ranked;
        }
        finally
        {
            foreach (var document in touched)
            {
                scores[document] = 0;
                if (matched is not null)
                {
                    matched[document] = 0;
                }
            }
            ScoreArrays.Return(scores);
            if (matched is not null)
            {
                MatchArrays.Return(matched);
            }
        }
    }
}
