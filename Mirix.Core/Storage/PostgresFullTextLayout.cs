namespace Mirix.Core.Storage;

/// <summary>The PostgreSQL full-text layouts of <c>search_vector</c> (and <c>owner_vector</c>), in the order the migrations built them.</summary>
public enum PostgresFullTextLayout
{
    /// <summary>The fields' weighted lexemes alone: a user's search read every user's postings of its words, then kept its own.</summary>
    Plain,

    /// <summary>
    /// Each lexeme also once more, with the same positions and weights, prefixed with the row's owner
    /// (<see cref="Retrieval.FullText.FullTextTable.PostgresOwnerPrefix"/>): a user's search asks the indexes for its own
    /// copies, whose postings hold only that user's rows.
    /// </summary>
    OwnerLexemes,

    /// <summary>
    /// <c>search_vector</c> holds the plain lexemes again and <c>owner_vector</c> the owner's copies alone, each with a GIN
    /// index; the RUM index covers <c>owner_vector</c> only. Every user shares the plain lexemes' postings, which grow with
    /// the whole table, and RUM (which has no pending list) updated them on every write: a write to a million-row table took
    /// 1.5 ms, a third of a raw message's database time. A user's postings stay short.
    /// </summary>
    OwnerColumn,
}
