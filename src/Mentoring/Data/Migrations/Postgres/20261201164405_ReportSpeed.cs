using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SessionAttendees_SessionId_Response_PersonId",
                table: "SessionAttendees",
                columns: new[] { "SessionId", "Response", "PersonId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SessionAttendees_SessionId_Response_PersonId",
                table: "SessionAttendees");
        }
    }
}
