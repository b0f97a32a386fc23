namespace Mirix.Core.Memory;

/// <summary>
/// A searchable field of a memory type. <see cref="Embedded"/>: it gets a vector (MIRIX's embedding columns).
/// <see cref="Dated"/>: the memory's date in words is indexed with it for full text (so "May 2023" finds what happened
/// then). <see cref="PostgresText"/>: the SQL of its text when the column is not text (<c>{row}</c> stands for the row).
/// </summary>
public sealed record MemoryField(string Name, bool Embedded = false, bool Dated = false, string? PostgresText = null);
