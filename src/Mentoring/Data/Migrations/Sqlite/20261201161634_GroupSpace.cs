using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GroupSpace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "NotificationId",
                table: "StandupDigests",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "Reflections",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "Reflections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "MentorshipPlans",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "MentorshipPlans",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "MentorshipNotes",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "MentorshipNotes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "Goals",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "Goals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "CheckIns",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "CheckIns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "ActionItems",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "ActionItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reflections_GroupId",
                table: "Reflections",
                column: "GroupId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Reflections_OneSpace",
                table: "Reflections",
                sql: "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_MentorshipPlans_GroupId_Version",
                table: "MentorshipPlans",
                columns: new[] { "GroupId", "Version" },
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_MentorshipPlans_OneSpace",
                table: "MentorshipPlans",
                sql: "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_MentorshipNotes_GroupId",
                table: "MentorshipNotes",
                column: "GroupId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_MentorshipNotes_OneSpace",
                table: "MentorshipNotes",
                sql: "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_Goals_GroupId",
                table: "Goals",
                column: "GroupId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Goals_OneSpace",
                table: "Goals",
                sql: "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_GroupId",
                table: "CheckIns",
                column: "GroupId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_CheckIns_OneSpace",
                table: "CheckIns",
                sql: "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_GroupId",
                table: "ActionItems",
                column: "GroupId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_ActionItems_OneSpace",
                table: "ActionItems",
                sql: "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)");

            migrationBuilder.AddForeignKey(
                name: "FK_ActionItems_GroupActivities_GroupId",
                table: "ActionItems",
                column: "GroupId",
                principalTable: "GroupActivities",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_CheckIns_GroupActivities_GroupId",
                table: "CheckIns",
                column: "GroupId",
                principalTable: "GroupActivities",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Goals_GroupActivities_GroupId",
                table: "Goals",
                column: "GroupId",
                principalTable: "GroupActivities",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_MentorshipNotes_GroupActivities_GroupId",
                table: "MentorshipNotes",
                column: "GroupId",
                principalTable: "GroupActivities",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_MentorshipPlans_GroupActivities_GroupId",
                table: "MentorshipPlans",
                column: "GroupId",
                principalTable: "GroupActivities",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Reflections_GroupActivities_GroupId",
                table: "Reflections",
                column: "GroupId",
                principalTable: "GroupActivities",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ActionItems_GroupActivities_GroupId",
                table: "ActionItems");

            migrationBuilder.DropForeignKey(
                name: "FK_CheckIns_GroupActivities_GroupId",
                table: "CheckIns");

            migrationBuilder.DropForeignKey(
                name: "FK_Goals_GroupActivities_GroupId",
                table: "Goals");

            migrationBuilder.DropForeignKey(
                name: "FK_MentorshipNotes_GroupActivities_GroupId",
                table: "MentorshipNotes");

            migrationBuilder.DropForeignKey(
                name: "FK_MentorshipPlans_GroupActivities_GroupId",
                table: "MentorshipPlans");

            migrationBuilder.DropForeignKey(
                name: "FK_Reflections_GroupActivities_GroupId",
                table: "Reflections");

            migrationBuilder.DropIndex(
                name: "IX_Reflections_GroupId",
                table: "Reflections");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Reflections_OneSpace",
                table: "Reflections");

            migrationBuilder.DropIndex(
                name: "IX_MentorshipPlans_GroupId_Version",
                table: "MentorshipPlans");

            migrationBuilder.DropCheckConstraint(
                name: "CK_MentorshipPlans_OneSpace",
                table: "MentorshipPlans");

            migrationBuilder.DropIndex(
                name: "IX_MentorshipNotes_GroupId",
                table: "MentorshipNotes");

            migrationBuilder.DropCheckConstraint(
                name: "CK_MentorshipNotes_OneSpace",
                table: "MentorshipNotes");

            migrationBuilder.DropIndex(
                name: "IX_Goals_GroupId",
                table: "Goals");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Goals_OneSpace",
                table: "Goals");

            migrationBuilder.DropIndex(
                name: "IX_CheckIns_GroupId",
                table: "CheckIns");

            migrationBuilder.DropCheckConstraint(
                name: "CK_CheckIns_OneSpace",
                table: "CheckIns");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_GroupId",
                table: "ActionItems");

            migrationBuilder.DropCheckConstraint(
                name: "CK_ActionItems_OneSpace",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "Reflections");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "MentorshipPlans");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "MentorshipNotes");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "CheckIns");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "ActionItems");

            migrationBuilder.AlterColumn<int>(
                name: "NotificationId",
                table: "StandupDigests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "Reflections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "MentorshipPlans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "MentorshipNotes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "Goals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "CheckIns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "ActionItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
