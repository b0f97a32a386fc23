using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    /// <summary>Superseded rows (agents keep what they replace), and the dead columns gone.</summary>
    public partial class SupersededMemories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "embedding_config",
                table: "semantic_memory");

            migrationBuilder.DropColumn(
                name: "embedding_config",
                table: "resource_memory");

            migrationBuilder.DropColumn(
                name: "embedding_config",
                table: "raw_memory");

            migrationBuilder.DropColumn(
                name: "embedding_config",
                table: "procedural_memory");

            migrationBuilder.DropColumn(
                name: "model",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "step_id",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "tool_call_id",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "tool_calls",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "embedding_config",
                table: "knowledge_vault");

            migrationBuilder.DropColumn(
                name: "embedding_config",
                table: "episodic_memory");

            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at",
                table: "semantic_memory",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "superseded_by_id",
                table: "semantic_memory",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at",
                table: "resource_memory",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "superseded_by_id",
                table: "resource_memory",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at",
                table: "raw_memory",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "superseded_by_id",
                table: "raw_memory",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at",
                table: "procedural_memory",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "superseded_by_id",
                table: "procedural_memory",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at",
                table: "knowledge_vault",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "superseded_by_id",
                table: "knowledge_vault",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "superseded_at",
                table: "episodic_memory",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "superseded_by_id",
                table: "episodic_memory",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "superseded_at",
                table: "semantic_memory");

            migrationBuilder.DropColumn(
                name: "superseded_by_id",
                table: "semantic_memory");

            migrationBuilder.DropColumn(
                name: "superseded_at",
                table: "resource_memory");

            migrationBuilder.DropColumn(
                name: "superseded_by_id",
                table: "resource_memory");

            migrationBuilder.DropColumn(
                name: "superseded_at",
                table: "raw_memory");

            migrationBuilder.DropColumn(
                name: "superseded_by_id",
                table: "raw_memory");

            migrationBuilder.DropColumn(
                name: "superseded_at",
                table: "procedural_memory");

            migrationBuilder.DropColumn(
                name: "superseded_by_id",
                table: "procedural_memory");

            migrationBuilder.DropColumn(
                name: "superseded_at",
                table: "knowledge_vault");

            migrationBuilder.DropColumn(
                name: "superseded_by_id",
                table: "knowledge_vault");

            migrationBuilder.DropColumn(
                name: "superseded_at",
                table: "episodic_memory");

            migrationBuilder.DropColumn(
                name: "superseded_by_id",
                table: "episodic_memory");

            migrationBuilder.AddColumn<string>(
                name: "embedding_config",
                table: "semantic_memory",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "embedding_config",
                table: "resource_memory",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "embedding_config",
                table: "raw_memory",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "embedding_config",
                table: "procedural_memory",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "model",
                table: "messages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "step_id",
                table: "messages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tool_call_id",
                table: "messages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tool_calls",
                table: "messages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "embedding_config",
                table: "knowledge_vault",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "embedding_config",
                table: "episodic_memory",
                type: "text",
                nullable: true);
        }
    }
}
