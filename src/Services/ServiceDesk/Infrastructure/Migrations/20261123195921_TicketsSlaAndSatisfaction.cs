using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrmPlatform.ServiceDesk.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TicketsSlaAndSatisfaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_strategic",
                schema: "service_desk",
                table: "customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into",
                schema: "service_desk",
                table: "customers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "segments",
                schema: "service_desk",
                table: "customers",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "business_calendars",
                schema: "service_desk",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hours = table.Column<string>(type: "jsonb", nullable: false),
                    holidays = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_calendars", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "contacts",
                schema: "service_desk",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "nps_responses",
                schema: "service_desk",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    score = table.Column<int>(type: "integer", nullable: false),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nps_responses", x => x.id);
                    table.CheckConstraint("ck_nps_responses_score", "score BETWEEN 0 AND 10");
                });

            migrationBuilder.CreateTable(
                name: "ticket_messages",
                schema: "service_desk",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    author = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tickets",
                schema: "service_desk",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:IdentitySequenceOptions", "'1000', '1', '', '', 'False', '1'")
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contact_id = table.Column<Guid>(type: "uuid", nullable: true),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    queue = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    assignee_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    first_responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reopen_count = table.Column<int>(type: "integer", nullable: false),
                    sla_policy_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sla_calendar_id = table.Column<Guid>(type: "uuid", nullable: true),
                    sla_first_response_minutes = table.Column<int>(type: "integer", nullable: true),
                    sla_resolution_minutes = table.Column<int>(type: "integer", nullable: true),
                    sla_warning_percent = table.Column<int>(type: "integer", nullable: false),
                    sla_paused_seconds = table.Column<long>(type: "bigint", nullable: false),
                    sla_paused_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sla_first_response_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sla_first_response_warn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sla_resolution_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sla_resolution_warn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sla_first_response_warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sla_first_response_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sla_resolution_warned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sla_resolution_breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sla_next_check_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    csat_rating = table.Column<int>(type: "integer", nullable: true),
                    csat_comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    csat_rated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tickets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sla_policies",
                schema: "service_desk",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    calendar_id = table.Column<Guid>(type: "uuid", nullable: false),
                    for_strategic = table.Column<bool>(type: "boolean", nullable: false),
                    for_segment = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    targets = table.Column<string>(type: "jsonb", nullable: false),
                    warning_percent = table.Column<int>(type: "integer", nullable: false),
                    escalate_raises_priority = table.Column<bool>(type: "boolean", nullable: false),
                    escalate_to_queue = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_policies", x => x.id);
                    table.ForeignKey(
                        name: "fk_sla_policies_business_calendars_calendar_id",
                        column: x => x.calendar_id,
                        principalSchema: "service_desk",
                        principalTable: "business_calendars",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_business_calendars_name",
                schema: "service_desk",
                table: "business_calendars",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contacts_customer_id",
                schema: "service_desk",
                table: "contacts",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_nps_responses_customer_id_responded_at",
                schema: "service_desk",
                table: "nps_responses",
                columns: new[] { "customer_id", "responded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_nps_responses_responded_at",
                schema: "service_desk",
                table: "nps_responses",
                column: "responded_at");

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_calendar_id",
                schema: "service_desk",
                table: "sla_policies",
                column: "calendar_id");

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_name",
                schema: "service_desk",
                table: "sla_policies",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ticket_messages_ticket_id_created_at",
                schema: "service_desk",
                table: "ticket_messages",
                columns: new[] { "ticket_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_assignee_id_status",
                schema: "service_desk",
                table: "tickets",
                columns: new[] { "assignee_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_customer_id_opened_at",
                schema: "service_desk",
                table: "tickets",
                columns: new[] { "customer_id", "opened_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_number",
                schema: "service_desk",
                table: "tickets",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tickets_opened_at_id",
                schema: "service_desk",
                table: "tickets",
                columns: new[] { "opened_at", "id" },
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_tickets_queue_status",
                schema: "service_desk",
                table: "tickets",
                columns: new[] { "queue", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_sla_next_check_at",
                schema: "service_desk",
                table: "tickets",
                column: "sla_next_check_at",
                filter: "sla_next_check_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contacts",
                schema: "service_desk");

            migrationBuilder.DropTable(
                name: "nps_responses",
                schema: "service_desk");

            migrationBuilder.DropTable(
                name: "sla_policies",
                schema: "service_desk");

            migrationBuilder.DropTable(
                name: "ticket_messages",
                schema: "service_desk");

            migrationBuilder.DropTable(
                name: "tickets",
                schema: "service_desk");

            migrationBuilder.DropTable(
                name: "business_calendars",
                schema: "service_desk");

            migrationBuilder.DropColumn(
                name: "is_strategic",
                schema: "service_desk",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "merged_into",
                schema: "service_desk",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segments",
                schema: "service_desk",
                table: "customers");
        }
    }
}
