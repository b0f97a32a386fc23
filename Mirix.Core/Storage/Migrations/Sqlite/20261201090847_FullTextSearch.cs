using Microsoft.EntityFrameworkCore.Migrations;
using Mirix.Core.Retrieval.FullText;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Sqlite
{
    /// <summary>Full-text indexes of every memory table (see <see cref="FullTextDdl"/>).</summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in FullTextTable.ByMemoryType.Values)
            {
                migrationBuilder.Sql(FullTextDdl.CreateSqlite(table, SqliteFullTextLayout.Plain));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in FullTextTable.ByMemoryType.Values)
            {
                migrationBuilder.Sql(FullTextDdl.DropSqlite(table));
            }
        }
    }
}
