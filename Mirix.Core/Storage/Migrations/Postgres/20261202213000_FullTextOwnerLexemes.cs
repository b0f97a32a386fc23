using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Postgres
{
    /// <summary>
    /// Every memory's <c>search_vector</c> also holds its lexemes prefixed with its owner (<see cref="PostgresFullTextLayout.OwnerLexemes"/>).
    /// Rewrites every memory row; the RUM indexes are dropped here and built again by the migrator, without the user column.
    /// </summary>
    public partial class FullTextOwnerLexemes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FullTextDdl.CreatePostgresOwnerLexemes);
            foreach (var table in Retrieval.FullText.FullTextTable.ByMemoryType.Values)
            {
                migrationBuilder.Sql(FullTextDdl.RebuildPostgres(table, PostgresFullTextLayout.OwnerLexemes));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Retrieval.FullText.FullTextTable.ByMemoryType.Values)
            {
                migrationBuilder.Sql(FullTextDdl.RebuildPostgres(table, PostgresFullTextLayout.Plain));
            }
            migrationBuilder.Sql(FullTextDdl.DropPostgresOwnerLexemes);
        }
    }
}
