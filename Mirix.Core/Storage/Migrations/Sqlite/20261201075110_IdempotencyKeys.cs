using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdempotencyKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "ingestion_operations",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_ingestion_operations_organization_id_client_id_idempotency_key",
                table: "ingestion_operations",
                columns: new[] { "organization_id", "client_id", "idempotency_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ingestion_operations_organization_id_client_id_idempotency_key",
                table: "ingestion_operations");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                table: "ingestion_operations");
        }
    }
}
