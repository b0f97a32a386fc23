using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mirix.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "organizations",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organizations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "steps",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    agent_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    provider_name = table.Column<string>(type: "TEXT", nullable: true),
                    model = table.Column<string>(type: "TEXT", nullable: true),
                    context_window_limit = table.Column<int>(type: "INTEGER", nullable: true),
                    completion_tokens = table.Column<int>(type: "INTEGER", nullable: false),
                    prompt_tokens = table.Column<int>(type: "INTEGER", nullable: false),
                    total_tokens = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_steps", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "agents",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    agent_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    parent_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    system = table.Column<string>(type: "TEXT", nullable: false),
                    message_ids = table.Column<string>(type: "TEXT", nullable: false),
                    llm_config = table.Column<string>(type: "TEXT", nullable: false),
                    embedding_config = table.Column<string>(type: "TEXT", nullable: false),
                    tool_rules = table.Column<string>(type: "TEXT", nullable: true),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agents", x => x.id);
                    table.ForeignKey(
                        name: "fk_agents_agents_parent_id",
                        column: x => x.parent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_agents_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "clients",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    write_scope = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    read_scopes = table.Column<string>(type: "TEXT", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    last_login = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clients", x => x.id);
                    table.ForeignKey(
                        name: "fk_clients_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    agent_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: true),
                    content = table.Column<string>(type: "TEXT", nullable: true),
                    model = table.Column<string>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", nullable: true),
                    tool_calls = table.Column<string>(type: "TEXT", nullable: true),
                    tool_call_id = table.Column<string>(type: "TEXT", nullable: true),
                    step_id = table.Column<string>(type: "TEXT", nullable: true),
                    filter_tags = table.Column<string>(type: "TEXT", nullable: true),
                    operation_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_messages_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    timezone = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    is_admin = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => new { x.organization_id, x.id });
                    table.ForeignKey(
                        name: "fk_users_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "client_api_keys",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    api_key_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    permission = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_client_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_client_api_keys_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "block",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    label = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    limit = table.Column<int>(type: "INTEGER", nullable: false),
                    scope = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    filter_tags = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_block", x => x.id);
                    table.ForeignKey(
                        name: "fk_block_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_block_users_organization_id_user_id",
                        columns: x => new { x.organization_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "episodic_memory",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    summary = table.Column<string>(type: "TEXT", nullable: false),
                    details = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    agent_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    scope = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    filter_tags = table.Column<string>(type: "TEXT", nullable: true),
                    last_modified_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_modify_operation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    source_message_ids = table.Column<string>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    embedding_config = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_episodic_memory", x => x.id);
                    table.ForeignKey(
                        name: "fk_episodic_memory_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_episodic_memory_users_organization_id_user_id",
                        columns: x => new { x.organization_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "knowledge_vault",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    entry_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    sensitivity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    secret_value = table.Column<string>(type: "TEXT", nullable: false),
                    caption = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    agent_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    scope = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    filter_tags = table.Column<string>(type: "TEXT", nullable: true),
                    last_modified_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_modify_operation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    source_message_ids = table.Column<string>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    embedding_config = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_knowledge_vault", x => x.id);
                    table.ForeignKey(
                        name: "fk_knowledge_vault_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_knowledge_vault_users_organization_id_user_id",
                        columns: x => new { x.organization_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "procedural_memory",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    entry_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    summary = table.Column<string>(type: "TEXT", nullable: false),
                    steps = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    agent_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    scope = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    filter_tags = table.Column<string>(type: "TEXT", nullable: true),
                    last_modified_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_modify_operation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    source_message_ids = table.Column<string>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    embedding_config = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_procedural_memory", x => x.id);
                    table.ForeignKey(
                        name: "fk_procedural_memory_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_procedural_memory_users_organization_id_user_id",
                        columns: x => new { x.organization_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "raw_memory",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    context = table.Column<string>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    agent_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    scope = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    filter_tags = table.Column<string>(type: "TEXT", nullable: true),
                    last_modified_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_modify_operation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    source_message_ids = table.Column<string>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    embedding_config = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_raw_memory", x => x.id);
                    table.ForeignKey(
                        name: "fk_raw_memory_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_raw_memory_users_organization_id_user_id",
                        columns: x => new { x.organization_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "resource_memory",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    summary = table.Column<string>(type: "TEXT", nullable: false),
                    resource_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    agent_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    scope = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    filter_tags = table.Column<string>(type: "TEXT", nullable: true),
                    last_modified_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_modify_operation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    source_message_ids = table.Column<string>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    embedding_config = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_resource_memory", x => x.id);
                    table.ForeignKey(
                        name: "fk_resource_memory_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_resource_memory_users_organization_id_user_id",
                        columns: x => new { x.organization_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "semantic_memory",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    summary = table.Column<string>(type: "TEXT", nullable: false),
                    details = table.Column<string>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    last_updated_by_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    organization_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    agent_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    scope = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    filter_tags = table.Column<string>(type: "TEXT", nullable: true),
                    last_modified_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_modify_operation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    source_message_ids = table.Column<string>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    embedding_config = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_semantic_memory", x => x.id);
                    table.ForeignKey(
                        name: "fk_semantic_memory_organizations_organization_id",
                        column: x => x.organization_id,
                        principalTable: "organizations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_semantic_memory_users_organization_id_user_id",
                        columns: x => new { x.organization_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "organization_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agents_organization_id_created_by_id",
                table: "agents",
                columns: new[] { "organization_id", "created_by_id" });

            migrationBuilder.CreateIndex(
                name: "ix_agents_parent_id",
                table: "agents",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_block_organization_id_user_id_scope_label",
                table: "block",
                columns: new[] { "organization_id", "user_id", "scope", "label" });

            migrationBuilder.CreateIndex(
                name: "ix_client_api_keys_api_key_hash",
                table: "client_api_keys",
                column: "api_key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_client_api_keys_client_id",
                table: "client_api_keys",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_clients_email",
                table: "clients",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_clients_organization_id",
                table: "clients",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_episodic_memory_organization_id_user_id_last_modified_at",
                table: "episodic_memory",
                columns: new[] { "organization_id", "user_id", "last_modified_at" });

            migrationBuilder.CreateIndex(
                name: "ix_episodic_memory_organization_id_user_id_occurred_at",
                table: "episodic_memory",
                columns: new[] { "organization_id", "user_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_episodic_memory_organization_id_user_id_scope",
                table: "episodic_memory",
                columns: new[] { "organization_id", "user_id", "scope" });

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_vault_organization_id_user_id_last_modified_at",
                table: "knowledge_vault",
                columns: new[] { "organization_id", "user_id", "last_modified_at" });

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_vault_organization_id_user_id_scope",
                table: "knowledge_vault",
                columns: new[] { "organization_id", "user_id", "scope" });

            migrationBuilder.CreateIndex(
                name: "ix_messages_agent_id_created_at",
                table: "messages",
                columns: new[] { "agent_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_messages_client_id_user_id",
                table: "messages",
                columns: new[] { "client_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_messages_operation_id",
                table: "messages",
                column: "operation_id");

            migrationBuilder.CreateIndex(
                name: "ix_messages_organization_id",
                table: "messages",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_procedural_memory_organization_id_user_id_last_modified_at",
                table: "procedural_memory",
                columns: new[] { "organization_id", "user_id", "last_modified_at" });

            migrationBuilder.CreateIndex(
                name: "ix_procedural_memory_organization_id_user_id_scope",
                table: "procedural_memory",
                columns: new[] { "organization_id", "user_id", "scope" });

            migrationBuilder.CreateIndex(
                name: "ix_raw_memory_organization_id_updated_at",
                table: "raw_memory",
                columns: new[] { "organization_id", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_raw_memory_organization_id_user_id_last_modified_at",
                table: "raw_memory",
                columns: new[] { "organization_id", "user_id", "last_modified_at" });

            migrationBuilder.CreateIndex(
                name: "ix_raw_memory_organization_id_user_id_scope",
                table: "raw_memory",
                columns: new[] { "organization_id", "user_id", "scope" });

            migrationBuilder.CreateIndex(
                name: "ix_resource_memory_organization_id_user_id_last_modified_at",
                table: "resource_memory",
                columns: new[] { "organization_id", "user_id", "last_modified_at" });

            migrationBuilder.CreateIndex(
                name: "ix_resource_memory_organization_id_user_id_scope",
                table: "resource_memory",
                columns: new[] { "organization_id", "user_id", "scope" });

            migrationBuilder.CreateIndex(
                name: "ix_semantic_memory_organization_id_user_id_last_modified_at",
                table: "semantic_memory",
                columns: new[] { "organization_id", "user_id", "last_modified_at" });

            migrationBuilder.CreateIndex(
                name: "ix_semantic_memory_organization_id_user_id_scope",
                table: "semantic_memory",
                columns: new[] { "organization_id", "user_id", "scope" });

            migrationBuilder.CreateIndex(
                name: "ix_steps_agent_id",
                table: "steps",
                column: "agent_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agents");

            migrationBuilder.DropTable(
                name: "block");

            migrationBuilder.DropTable(
                name: "client_api_keys");

            migrationBuilder.DropTable(
                name: "episodic_memory");

            migrationBuilder.DropTable(
                name: "knowledge_vault");

            migrationBuilder.DropTable(
                name: "messages");

            migrationBuilder.DropTable(
                name: "procedural_memory");

            migrationBuilder.DropTable(
                name: "raw_memory");

            migrationBuilder.DropTable(
                name: "resource_memory");

            migrationBuilder.DropTable(
                name: "semantic_memory");

            migrationBuilder.DropTable(
                name: "steps");

            migrationBuilder.DropTable(
                name: "clients");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "organizations");
        }
    }
}
