using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Sqlite
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

            migrationBuilder.CreateIndex(
                name: "IX_People_Level_Active_OfficeId",
                table: "People",
                columns: new[] { "Level", "Active", "OfficeId" });

            migrationBuilder.CreateIndex(
                name: "IX_People_OfficeId_Active",
                table: "People",
                columns: new[] { "OfficeId", "Active" });
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

            migrationBuilder.CreateIndex(
                name: "IX_People_OfficeId",
                table: "People",
                column: "OfficeId");
        }
    }
}
