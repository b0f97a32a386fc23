using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Sqlite
{
    /// <summary>
    /// A generation per user's full-text key range and memory table, for the in-process term index
    /// (<see cref="FullTextGenerationsDdl.CreateSqlite"/>).
    /// </summary>
    public partial class FullTextKeyGenerations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FullTextGenerationsDdl.CreateSqlite());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FullTextGenerationsDdl.DropSqlite());
        }
    }
}
