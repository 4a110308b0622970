using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmPlatform.ServiceDesk.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OrderedInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_deferred_messages_consumer_customer_id_position",
                schema: "service_desk",
                table: "deferred_messages");

            migrationBuilder.CreateTable(
                name: "inbox_streams",
                schema: "service_desk",
                columns: table => new
                {
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_streams", x => new { x.consumer, x.customer_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_deferred_messages_consumer_customer_id_sequence",
                schema: "service_desk",
                table: "deferred_messages",
                columns: new[] { "consumer", "customer_id", "sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_streams",
                schema: "service_desk");

            migrationBuilder.DropIndex(
                name: "ix_deferred_messages_consumer_customer_id_sequence",
                schema: "service_desk",
                table: "deferred_messages");

            migrationBuilder.CreateIndex(
                name: "ix_deferred_messages_consumer_customer_id_position",
                schema: "service_desk",
                table: "deferred_messages",
                columns: new[] { "consumer", "customer_id", "position" });
        }
    }
}
