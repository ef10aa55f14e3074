using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GroupPlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RoomId",
                table: "GroupActivities",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_GroupActivities_RoomId",
                table: "GroupActivities",
                column: "RoomId");

            migrationBuilder.AddForeignKey(
                name: "FK_GroupActivities_Rooms_RoomId",
                table: "GroupActivities",
                column: "RoomId",
                principalTable: "Rooms",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_GroupActivities_Rooms_RoomId",
                table: "GroupActivities");

            migrationBuilder.DropIndex(
                name: "IX_GroupActivities_RoomId",
                table: "GroupActivities");

            migrationBuilder.DropColumn(
                name: "RoomId",
                table: "GroupActivities");
        }
    }
}
