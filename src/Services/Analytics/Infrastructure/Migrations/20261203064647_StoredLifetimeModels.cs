using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmPlatform.Analytics.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class StoredLifetimeModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "lifetime_models",
                schema: "analytics",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    calibration_end = table.Column<DateOnly>(type: "date", nullable: false),
                    period_days = table.Column<int>(type: "integer", nullable: false),
                    r = table.Column<double>(type: "double precision", nullable: false),
                    alpha = table.Column<double>(type: "double precision", nullable: false),
                    a = table.Column<double>(type: "double precision", nullable: false),
                    b = table.Column<double>(type: "double precision", nullable: false),
                    log_likelihood = table.Column<double>(type: "double precision", nullable: false),
                    p = table.Column<double>(type: "double precision", nullable: false),
                    q = table.Column<double>(type: "double precision", nullable: false),
                    gamma = table.Column<double>(type: "double precision", nullable: false),
                    customers = table.Column<int>(type: "integer", nullable: false),
                    returning_customers = table.Column<int>(type: "integer", nullable: false),
                    fit_seconds = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lifetime_models", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_lifetime_models_fitted_at",
                schema: "analytics",
                table: "lifetime_models",
                column: "fitted_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lifetime_models",
                schema: "analytics");
        }
    }
}
