namespace Mirix.Core.Storage;

/// <summary>The PostgreSQL full-text layouts of <c>search_vector</c>, in the order the migrations built them.</summary>
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
}
