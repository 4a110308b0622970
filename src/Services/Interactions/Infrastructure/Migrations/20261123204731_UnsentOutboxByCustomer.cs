using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmPlatform.Interactions.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class UnsentOutboxByCustomer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_unsent_by_customer",
                schema: "interactions",
                table: "outbox_messages",
                columns: new[] { "customer_id", "sequence" },
                filter: "sent_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_unsent_by_customer",
                schema: "interactions",
                table: "outbox_messages");
        }
    }
}
