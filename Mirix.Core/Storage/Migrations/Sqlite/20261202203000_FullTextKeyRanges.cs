using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Sqlite
{
    /// <summary>
    /// Rebuilds every FTS5 index with each user's keys in a range of their own (<see cref="SqliteFullTextLayout.OwnerKeyRanges"/>),
    /// instead of the owner's token.
    /// </summary>
    public partial class FullTextKeyRanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FullTextDdl.CreateSqliteOwners);
            foreach (var table in Retrieval.FullText.FullTextTable.ByMemoryType.Values)
            {
                migrationBuilder.Sql(FullTextDdl.DropSqlite(table));
                migrationBuilder.Sql(FullTextDdl.CreateSqlite(table, SqliteFullTextLayout.OwnerKeyRanges));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Retrieval.FullText.FullTextTable.ByMemoryType.Values)
            {
                migrationBuilder.Sql(FullTextDdl.DropSqlite(table));
                migrationBuilder.Sql(FullTextDdl.CreateSqlite(table, SqliteFullTextLayout.OwnerToken));
            }
            migrationBuilder.Sql(FullTextDdl.DropSqliteOwners);
        }
    }
}
