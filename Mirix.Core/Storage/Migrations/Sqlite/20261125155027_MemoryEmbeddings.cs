using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MemoryEmbeddings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "memory_embeddings",
                columns: table => new
                {
                    memory_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    field = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    model = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    memory_type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    dimensions = table.Column<int>(type: "INTEGER", nullable: false),
                    vector = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_memory_embeddings", x => new { x.memory_id, x.field, x.model });
                });

            migrationBuilder.CreateIndex(
                name: "ix_memory_embeddings_organization_id_user_id_memory_type_field_model",
                table: "memory_embeddings",
                columns: new[] { "organization_id", "user_id", "memory_type", "field", "model" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "memory_embeddings");
        }
    }
}
