using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Postgres
{
    /// <summary>
    /// A change of what the term index holds of a memory besides its text (creation, expiry, supersession, scope) counts in
    /// the user's full-text generation (<see cref="FullTextGenerationsDdl.CountMemoryChangesPostgres"/>).
    /// </summary>
    public partial class MemoryColumnGenerations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FullTextGenerationsDdl.CountMemoryChangesPostgres());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FullTextGenerationsDdl.UncountMemoryChangesPostgres());
        }
    }
}
