using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Sqlite
{
    /// <summary>Vector-set generations for the in-process vector cache (see <see cref="EmbeddingGenerationsDdl"/>).</summary>
    public partial class VectorSetGenerations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(EmbeddingGenerationsDdl.CreateSqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(EmbeddingGenerationsDdl.DropSqlite);
        }
    }
}
