using Microsoft.EntityFrameworkCore.Migrations;
using Mirix.Core.Retrieval.FullText;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Postgres
{
    /// <summary>Full-text indexes of every memory table (see <see cref="FullTextDdl"/>).</summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in FullTextTable.ByMemoryType.Values)
            {
                migrationBuilder.Sql(FullTextDdl.CreatePostgres(table));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in FullTextTable.ByMemoryType.Values)
            {
                migrationBuilder.Sql(FullTextDdl.DropPostgres(table));
            }
        }
    }
}
