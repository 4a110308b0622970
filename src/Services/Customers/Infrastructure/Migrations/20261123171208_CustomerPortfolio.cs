using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrmPlatform.Customers.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CustomerPortfolio : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "addresses",
                schema: "customers",
                table: "customers",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<decimal>(
                name: "credit_limit",
                schema: "customers",
                table: "customers",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "currency",
                schema: "customers",
                table: "customers",
                type: "character(3)",
                fixedLength: true,
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "custom_attributes",
                schema: "customers",
                table: "customers",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "email",
                schema: "customers",
                table: "customers",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fiscal_address",
                schema: "customers",
                table: "customers",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fiscal_municipal_registration",
                schema: "customers",
                table: "customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "fiscal_review_raised_at",
                schema: "customers",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fiscal_state_registration",
                schema: "customers",
                table: "customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fiscal_tax_regime",
                schema: "customers",
                table: "customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "fiscal_verified_at",
                schema: "customers",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "industry",
                schema: "customers",
                table: "customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_strategic",
                schema: "customers",
                table: "customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "overdue_invoices",
                schema: "customers",
                table: "customers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "owner_id",
                schema: "customers",
                table: "customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "payment_terms_days",
                schema: "customers",
                table: "customers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone",
                schema: "customers",
                table: "customers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "qualification_decision",
                schema: "customers",
                table: "customers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "qualification_score",
                schema: "customers",
                table: "customers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "qualified_at",
                schema: "customers",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                schema: "customers",
                table: "customers",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<List<string>>(
                name: "segments",
                schema: "customers",
                table: "customers",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "size",
                schema: "customers",
                table: "customers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stage",
                schema: "customers",
                table: "customers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Lead");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "stage_changed_at",
                schema: "customers",
                table: "customers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "stage_reason",
                schema: "customers",
                table: "customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                schema: "customers",
                table: "customers",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                schema: "customers",
                table: "customers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<long>(
                name: "version",
                schema: "customers",
                table: "customers",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<string>(
                name: "website",
                schema: "customers",
                table: "customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            // Customers registered before this release: their dates and search text from what they have.
            migrationBuilder.Sql("""
                UPDATE customers.customers
                SET stage_changed_at = registered_at,
                    updated_at = registered_at,
                    search_text = lower(legal_name || ' ' || coalesce(trade_name, '') || ' ' || tax_id);
                """);

            // Customers whose fiscal data is due for review and not yet reported (FiscalReviewService).
            migrationBuilder.Sql("""
                CREATE INDEX ix_customers_fiscal_review_due ON customers.customers
                    ((coalesce(fiscal_verified_at, registered_at))) WHERE fiscal_review_raised_at IS NULL;
                """);

            migrationBuilder.CreateTable(
                name: "contacts",
                schema: "customers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    position = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    preferred_channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    marketing_email_consent = table.Column<bool>(type: "boolean", nullable: false),
                    phone_consent = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contacts", x => x.id);
                    table.ForeignKey(
                        name: "fk_contacts_customers_customer_id",
                        column: x => x.customer_id,
                        principalSchema: "customers",
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customer_aliases",
                schema: "customers",
                columns: table => new
                {
                    merged_id = table.Column<Guid>(type: "uuid", nullable: false),
                    survivor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_aliases", x => x.merged_id);
                });

            migrationBuilder.CreateTable(
                name: "customer_changes",
                schema: "customers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    operation = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    field = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    old_value = table.Column<string>(type: "jsonb", nullable: true),
                    new_value = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "overdue_invoices",
                schema: "customers",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_overdue_invoices", x => new { x.customer_id, x.invoice_id });
                });

            migrationBuilder.CreateTable(
                name: "qualification_assessments",
                schema: "customers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    profile_fit = table.Column<int>(type: "integer", nullable: false),
                    purchase_capacity = table.Column<int>(type: "integer", nullable: false),
                    payment_capacity_assessed = table.Column<int>(type: "integer", nullable: false),
                    payment_capacity = table.Column<int>(type: "integer", nullable: false),
                    retention_worth = table.Column<int>(type: "integer", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    assessed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    assessed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_qualification_assessments", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_email",
                schema: "customers",
                table: "customers",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "ix_customers_legal_name_id",
                schema: "customers",
                table: "customers",
                columns: new[] { "legal_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_owner_id_legal_name_id",
                schema: "customers",
                table: "customers",
                columns: new[] { "owner_id", "legal_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_phone",
                schema: "customers",
                table: "customers",
                column: "phone");

            migrationBuilder.CreateIndex(
                name: "ix_customers_registered_at_id",
                schema: "customers",
                table: "customers",
                columns: new[] { "registered_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_search_trgm",
                schema: "customers",
                table: "customers",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_segments",
                schema: "customers",
                table: "customers",
                column: "segments")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_customers_stage_legal_name_id",
                schema: "customers",
                table: "customers",
                columns: new[] { "stage", "legal_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tags",
                schema: "customers",
                table: "customers",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_customers_updated_at_id",
                schema: "customers",
                table: "customers",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_customer_id",
                schema: "customers",
                table: "contacts",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_email",
                schema: "customers",
                table: "contacts",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "ix_contacts_phone",
                schema: "customers",
                table: "contacts",
                column: "phone");

            migrationBuilder.CreateIndex(
                name: "ix_customer_aliases_survivor_id",
                schema: "customers",
                table: "customer_aliases",
                column: "survivor_id");

            migrationBuilder.CreateIndex(
                name: "ix_customer_changes_customer_id_id",
                schema: "customers",
                table: "customer_changes",
                columns: new[] { "customer_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_qualification_assessments_customer_id_assessed_at",
                schema: "customers",
                table: "qualification_assessments",
                columns: new[] { "customer_id", "assessed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS customers.ix_customers_fiscal_review_due;");

            migrationBuilder.DropTable(
                name: "contacts",
                schema: "customers");

            migrationBuilder.DropTable(
                name: "customer_aliases",
                schema: "customers");

            migrationBuilder.DropTable(
                name: "customer_changes",
                schema: "customers");

            migrationBuilder.DropTable(
                name: "overdue_invoices",
                schema: "customers");

            migrationBuilder.DropTable(
                name: "qualification_assessments",
                schema: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_email",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_legal_name_id",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_owner_id_legal_name_id",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_phone",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_registered_at_id",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_search_trgm",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_segments",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_stage_legal_name_id",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tags",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_updated_at_id",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "addresses",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "credit_limit",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "currency",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "custom_attributes",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "email",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "fiscal_address",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "fiscal_municipal_registration",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "fiscal_review_raised_at",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "fiscal_state_registration",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "fiscal_tax_regime",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "fiscal_verified_at",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "industry",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "is_strategic",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "overdue_invoices",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "owner_id",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "payment_terms_days",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "phone",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "qualification_decision",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "qualification_score",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "qualified_at",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "search_text",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "segments",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "size",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "stage",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "stage_changed_at",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "stage_reason",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "tags",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "updated_at",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "version",
                schema: "customers",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "website",
                schema: "customers",
                table: "customers");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
