using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    /// <summary>
    /// Superseded rows (agents keep what they replace) and the dead columns gone. Columns are dropped with SQLite's own
    /// ALTER TABLE ... DROP COLUMN: EF's table rebuild would drop the full-text triggers of the memory tables.
    /// </summary>
    public partial class SupersededMemories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE messages DROP COLUMN model;");

            migrationBuilder.Sql("ALTER TABLE messages DROP COLUMN step_id;");

            migrationBuilder.Sql("ALTER TABLE messages DROP COLUMN tool_call_id;");

            migrationBuilder.Sql("ALTER TABLE messages DROP COLUMN tool_calls;");

            migrationBuilder.Sql("ALTER TABLE semantic_memory DROP COLUMN embedding_config;");

            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at",
                table: "semantic_memory",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("ALTER TABLE resource_memory DROP COLUMN embedding_config;");

            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at",
                table: "resource_memory",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("ALTER TABLE raw_memory DROP COLUMN embedding_config;");

            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at",
                table: "raw_memory",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("ALTER TABLE procedural_memory DROP COLUMN embedding_config;");

            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at",
                table: "procedural_memory",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("ALTER TABLE knowledge_vault DROP COLUMN embedding_config;");

            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at",
                table: "knowledge_vault",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("ALTER TABLE episodic_memory DROP COLUMN embedding_config;");

            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at",
                table: "episodic_memory",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "superseded_by_id",
                table: "semantic_memory",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "superseded_by_id",
                table: "resource_memory",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "superseded_by_id",
                table: "raw_memory",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "superseded_by_id",
                table: "procedural_memory",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "superseded_by_id",
                table: "knowledge_vault",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "superseded_by_id",
                table: "episodic_memory",
                type: "TEXT",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE semantic_memory DROP COLUMN superseded_by_id;");

            migrationBuilder.Sql("ALTER TABLE resource_memory DROP COLUMN superseded_by_id;");

            migrationBuilder.Sql("ALTER TABLE raw_memory DROP COLUMN superseded_by_id;");

            migrationBuilder.Sql("ALTER TABLE procedural_memory DROP COLUMN superseded_by_id;");

            migrationBuilder.Sql("ALTER TABLE knowledge_vault DROP COLUMN superseded_by_id;");

            migrationBuilder.Sql("ALTER TABLE episodic_memory DROP COLUMN superseded_by_id;");

            migrationBuilder.Sql("ALTER TABLE semantic_memory DROP COLUMN superseded_at;");

            migrationBuilder.AddColumn<string>(
                name: "embedding_config",
                table: "semantic_memory",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("ALTER TABLE resource_memory DROP COLUMN superseded_at;");

            migrationBuilder.AddColumn<string>(
                name: "embedding_config",
                table: "resource_memory",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("ALTER TABLE raw_memory DROP COLUMN superseded_at;");

            migrationBuilder.AddColumn<string>(
                name: "embedding_config",
                table: "raw_memory",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("ALTER TABLE procedural_memory DROP COLUMN superseded_at;");

            migrationBuilder.AddColumn<string>(
                name: "embedding_config",
                table: "procedural_memory",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("ALTER TABLE knowledge_vault DROP COLUMN superseded_at;");

            migrationBuilder.AddColumn<string>(
                name: "embedding_config",
                table: "knowledge_vault",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("ALTER TABLE episodic_memory DROP COLUMN superseded_at;");

            migrationBuilder.AddColumn<string>(
                name: "embedding_config",
                table: "episodic_memory",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "model",
                table: "messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "step_id",
                table: "messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tool_call_id",
                table: "messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tool_calls",
                table: "messages",
                type: "TEXT",
                nullable: true);
        }
    }
}
