using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScalePages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_OfficeId",
                table: "People");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_People_Level_Active_OfficeId",
                table: "People",
                columns: new[] { "Level", "Active", "OfficeId" });

            migrationBuilder.CreateIndex(
                name: "IX_People_OfficeId_Active",
                table: "People",
                columns: new[] { "OfficeId", "Active" });

            migrationBuilder.CreateIndex(
                name: "IX_People_SearchText",
                table: "People",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_Level_Active_OfficeId",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_OfficeId_Active",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_SearchText",
                table: "People");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_People_OfficeId",
                table: "People",
                column: "OfficeId");
        }
    }
}
