using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Postgres
{
    /// <summary>Exact vectors read by <c>seq</c> alone (<see cref="EmbeddingGenerationsDdl.CreatePostgresSeqIndex"/>).</summary>
    public partial class EmbeddingSeqIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(EmbeddingGenerationsDdl.CreatePostgresSeqIndex);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(EmbeddingGenerationsDdl.DropPostgresSeqIndex);
        }
    }
}
