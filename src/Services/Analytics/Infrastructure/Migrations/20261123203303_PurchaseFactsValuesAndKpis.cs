using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmPlatform.Analytics.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PurchaseFactsValuesAndKpis : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "merged_into",
                schema: "analytics",
                table: "customers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stage",
                schema: "analytics",
                table: "customers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "lead");

            migrationBuilder.CreateTable(
                name: "acquisition_spend",
                schema: "analytics",
                columns: table => new
                {
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    start = table.Column<DateOnly>(type: "date", nullable: false),
                    end = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_acquisition_spend", x => x.period);
                });

            migrationBuilder.CreateTable(
                name: "customer_values",
                schema: "analytics",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    first_purchase_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_purchase_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    purchases = table.Column<int>(type: "integer", nullable: false),
                    purchase_days = table.Column<int>(type: "integer", nullable: false),
                    gross_amount = table.Column<decimal>(type: "numeric(21,4)", precision: 21, scale: 4, nullable: false),
                    discount_amount = table.Column<decimal>(type: "numeric(21,4)", precision: 21, scale: 4, nullable: false),
                    revenue = table.Column<decimal>(type: "numeric(21,4)", precision: 21, scale: 4, nullable: false),
                    costed_revenue = table.Column<decimal>(type: "numeric(21,4)", precision: 21, scale: 4, nullable: false),
                    cost = table.Column<decimal>(type: "numeric(21,4)", precision: 21, scale: 4, nullable: false),
                    recency_score = table.Column<int>(type: "integer", nullable: true),
                    frequency_score = table.Column<int>(type: "integer", nullable: true),
                    monetary_score = table.Column<int>(type: "integer", nullable: true),
                    segment = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    scored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_values", x => x.customer_id);
                });

            migrationBuilder.CreateTable(
                name: "nps_responses",
                schema: "analytics",
                columns: table => new
                {
                    response_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nps_responses", x => x.response_id);
                });

            migrationBuilder.CreateTable(
                name: "purchases",
                schema: "analytics",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    purchase_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    discount_amount = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: true),
                    cost_amount = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: true),
                    item_count = table.Column<int>(type: "integer", nullable: true),
                    channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    payment_method = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_purchases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "satisfaction_ratings",
                schema: "analytics",
                columns: table => new
                {
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rating = table.Column<int>(type: "integer", nullable: false),
                    rated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_satisfaction_ratings", x => x.ticket_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_values_segment",
                schema: "analytics",
                table: "customer_values",
                column: "segment");

            migrationBuilder.CreateIndex(
                name: "ix_nps_responses_responded_at",
                schema: "analytics",
                table: "nps_responses",
                column: "responded_at");

            migrationBuilder.CreateIndex(
                name: "ix_purchases_customer_id_occurred_at_id",
                schema: "analytics",
                table: "purchases",
                columns: new[] { "customer_id", "occurred_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_purchases_purchase_id",
                schema: "analytics",
                table: "purchases",
                column: "purchase_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_ratings_rated_at",
                schema: "analytics",
                table: "satisfaction_ratings",
                column: "rated_at");

            // The rules of PurchaseInput, kept by the table too: a fact that breaks them cannot reach the views by any path.
            migrationBuilder.Sql("""
                ALTER TABLE analytics.purchases ADD CONSTRAINT ck_purchases_amounts CHECK (
                    amount >= 0 AND coalesce(discount_amount, 0) >= 0 AND coalesce(discount_amount, 0) <= amount
                    AND coalesce(cost_amount, 0) >= 0 AND coalesce(item_count, 0) >= 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "acquisition_spend",
                schema: "analytics");

            migrationBuilder.DropTable(
                name: "customer_values",
                schema: "analytics");

            migrationBuilder.DropTable(
                name: "nps_responses",
                schema: "analytics");

            migrationBuilder.DropTable(
                name: "purchases",
                schema: "analytics");

            migrationBuilder.DropTable(
                name: "satisfaction_ratings",
                schema: "analytics");

            migrationBuilder.DropColumn(
                name: "merged_into",
                schema: "analytics",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "stage",
                schema: "analytics",
                table: "customers");
        }
    }
}
