using Mirix.Core.Retrieval.FullText;

namespace Mirix.Core.Storage;

/// <summary>The SQLite full-text layouts, in the order the migrations built them.</summary>
public enum SqliteFullTextLayout
{
    /// <summary>The fields alone, keys in insertion order: a user's search matched every user's rows, then kept its own.</summary>
    Plain,

    /// <summary>Also a column holding one token naming the row's owner, which a user's search matched with its words.</summary>
    OwnerToken,

    /// <summary>
    /// Each user's keys in a range of their own (<see cref="FullTextTable.SqliteKeySpan"/> keys from its slot's start), so a
    /// user's search bounds the FTS5 rowid instead of matching an owner's token: FTS5 seeks to the range in each word's
    /// postings, and its BM25 no longer reads a posting list as long as the user's memories for the token's frequency.
    /// </summary>
    OwnerKeyRanges,
}
