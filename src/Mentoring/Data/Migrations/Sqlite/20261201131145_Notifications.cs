using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Blocks",
                table: "Notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "Notifications",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DedupKey",
                table: "Notifications",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "Notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HtmlBody",
                table: "Notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "Notifications",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntil",
                table: "Notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "Notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PersonId",
                table: "Notifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProgramId",
                table: "Notifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Notifications",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TemplateKey",
                table: "Notifications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MessageTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Html = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NotificationPreferences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channels = table.Column<string>(type: "TEXT", nullable: false),
                    QuietStart = table.Column<int>(type: "INTEGER", nullable: false),
                    QuietEnd = table.Column<int>(type: "INTEGER", nullable: false),
                    QuietWeekends = table.Column<bool>(type: "INTEGER", nullable: false),
                    Digest = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Unsubscribed = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationPreferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NotificationPreferences_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgramNotificationSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    SlackWebhookUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SlackChannel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TeamsWebhookUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReminderHours = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramNotificationSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgramNotificationSettings_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Rows written before: what went is sent, what gave up after five attempts is a dead letter, the rest waits.
            migrationBuilder.Sql("UPDATE \"Notifications\" SET \"Category\" = 'general' WHERE \"Category\" = ''");
            migrationBuilder.Sql("UPDATE \"Notifications\" SET \"Status\" = CASE WHEN \"SentAt\" IS NOT NULL THEN 'Sent' WHEN \"Attempts\" >= 5 THEN 'Dead' ELSE 'Pending' END WHERE \"Status\" = ''");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_DedupKey",
                table: "Notifications",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_PersonId",
                table: "Notifications",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Status_NextAttemptAt",
                table: "Notifications",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_ProgramId_Language_Key",
                table: "MessageTemplates",
                columns: new[] { "ProgramId", "Language", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NotificationPreferences_PersonId",
                table: "NotificationPreferences",
                column: "PersonId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgramNotificationSettings_ProgramId",
                table: "ProgramNotificationSettings",
                column: "ProgramId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessageTemplates");

            migrationBuilder.DropTable(
                name: "NotificationPreferences");

            migrationBuilder.DropTable(
                name: "ProgramNotificationSettings");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_DedupKey",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_PersonId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_Status_NextAttemptAt",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "Blocks",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "DedupKey",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "HtmlBody",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "PersonId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "ProgramId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "TemplateKey",
                table: "Notifications");
        }
    }
}
