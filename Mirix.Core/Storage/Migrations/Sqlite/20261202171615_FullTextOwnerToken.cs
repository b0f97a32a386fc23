using Microsoft.EntityFrameworkCore.Migrations;
using Mirix.Core.Retrieval.FullText;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Sqlite
{
    /// <summary>
    /// Rebuilds every FTS5 index with the owner's token (<see cref="SqliteFullTextLayout.OwnerToken"/>), so a user's
    /// search is answered inside the index.
    /// </summary>
    public partial class FullTextOwnerToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in FullTextTable.ByMemoryType.Values)
            {
                migrationBuilder.Sql(FullTextDdl.DropSqlite(table));
                migrationBuilder.Sql(FullTextDdl.CreateSqlite(table, SqliteFullTextLayout.OwnerToken));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in FullTextTable.ByMemoryType.Values)
            {
                migrationBuilder.Sql(FullTextDdl.DropSqlite(table));
                migrationBuilder.Sql(FullTextDdl.CreateSqlite(table, SqliteFullTextLayout.Plain));
            }
        }
    }
}
