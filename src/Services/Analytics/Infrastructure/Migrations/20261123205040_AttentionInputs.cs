using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmPlatform.Analytics.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AttentionInputs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "previous_segment",
                schema: "analytics",
                table: "customer_values",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "contacts",
                schema: "analytics",
                columns: table => new
                {
                    contact_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    last_reached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => x.contact_id);
                });

            migrationBuilder.CreateTable(
                name: "overdue_commitments",
                schema: "analytics",
                columns: table => new
                {
                    commitment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_overdue_commitments", x => x.commitment_id);
                });

            migrationBuilder.CreateTable(
                name: "relationships",
                schema: "analytics",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    is_strategic = table.Column<bool>(type: "boolean", nullable: false),
                    profile_version = table.Column<long>(type: "bigint", nullable: false),
                    last_contact_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_decision_maker_contact_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relationships", x => x.customer_id);
                });

            migrationBuilder.CreateTable(
                name: "sla_breaches",
                schema: "analytics",
                columns: table => new
                {
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_breaches", x => new { x.ticket_id, x.target });
                });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_customer_id",
                schema: "analytics",
                table: "contacts",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_overdue_commitments_customer_id",
                schema: "analytics",
                table: "overdue_commitments",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_relationships_is_strategic_last_contact_at",
                schema: "analytics",
                table: "relationships",
                columns: new[] { "is_strategic", "last_contact_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sla_breaches_customer_id_breached_at",
                schema: "analytics",
                table: "sla_breaches",
                columns: new[] { "customer_id", "breached_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contacts",
                schema: "analytics");

            migrationBuilder.DropTable(
                name: "overdue_commitments",
                schema: "analytics");

            migrationBuilder.DropTable(
                name: "relationships",
                schema: "analytics");

            migrationBuilder.DropTable(
                name: "sla_breaches",
                schema: "analytics");

            migrationBuilder.DropColumn(
                name: "previous_segment",
                schema: "analytics",
                table: "customer_values");
        }
    }
}
