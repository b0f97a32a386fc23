using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Postgres
{
    /// <summary>
    /// A key per memory and a generation per user and memory table, for the in-process term index
    /// (<see cref="FullTextGenerationsDdl.CreatePostgres"/>).
    /// </summary>
    public partial class FullTextGenerations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FullTextGenerationsDdl.CreatePostgres());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FullTextGenerationsDdl.DropPostgres());
        }
    }
}
