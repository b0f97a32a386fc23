using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Postgres
{
    /// <summary>
    /// The owner's lexemes move from <c>search_vector</c> to <c>owner_vector</c> (<see cref="PostgresFullTextLayout.OwnerColumn"/>).
    /// Rewrites every memory row; the RUM indexes are dropped here and built again by the migrator, over the owner's column.
    /// </summary>
    public partial class FullTextOwnerColumn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FullTextDdl.CreatePostgresOwnedLexemes);
            foreach (var table in Retrieval.FullText.FullTextTable.ByMemoryType.Values)
            {
                migrationBuilder.Sql(FullTextDdl.MoveOwnerLexemesToColumn(table));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Retrieval.FullText.FullTextTable.ByMemoryType.Values)
            {
                migrationBuilder.Sql(FullTextDdl.MoveOwnerLexemesBack(table));
            }
            migrationBuilder.Sql(FullTextDdl.DropPostgresOwnedLexemes);
        }
    }
}
