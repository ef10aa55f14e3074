using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mentoring.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TrainingGroupsScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_OfficeId",
                table: "People");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AlterColumn<int>(
                name: "NotificationId",
                table: "StandupDigests",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "Reflections",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "Reflections",
                type: "integer",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "MentorshipPlans",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "MentorshipPlans",
                type: "integer",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "MentorshipNotes",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "MentorshipNotes",
                type: "integer",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "Goals",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "Goals",
                type: "integer",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "CheckIns",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "CheckIns",
                type: "integer",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "ActionItems",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "ActionItems",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SelfAssessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProgramId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Scores = table.Column<string>(type: "text", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelfAssessments_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SelfAssessments_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingCourses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Audience = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingCourses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProgramTrainings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProgramId = table.Column<int>(type: "integer", nullable: false),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    RequiredBeforeMatching = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramTrainings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgramTrainings_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgramTrainings_TrainingCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TrainingCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingModules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Body = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    VideoUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Minutes = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingModules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingModules_TrainingCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TrainingCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DiscussionQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModuleId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscussionQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiscussionQuestions_TrainingModules_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "TrainingModules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModuleCompletions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModuleId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModuleCompletions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModuleCompletions_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ModuleCompletions_TrainingModules_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "TrainingModules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingVideos",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModuleId = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingVideos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingVideos_TrainingModules_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "TrainingModules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DiscussionAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    QuestionId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Visibility = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscussionAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiscussionAnswers_DiscussionQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "DiscussionQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DiscussionAnswers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SessionAttendees_SessionId_Response_PersonId",
                table: "SessionAttendees",
                columns: new[] { "SessionId", "Response", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Reflections_GroupId",
                table: "Reflections",
                column: "GroupId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Reflections_OneSpace",
                table: "Reflections",
                sql: "(\"MentorshipId\" IS NULL) <> (\"GroupId\" IS NULL)");

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

            migrationBuilder.CreateIndex(
                name: "IX_DiscussionAnswers_PersonId",
                table: "DiscussionAnswers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_DiscussionAnswers_QuestionId_PersonId",
                table: "DiscussionAnswers",
                columns: new[] { "QuestionId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DiscussionQuestions_ModuleId",
                table: "DiscussionQuestions",
                column: "ModuleId");

            migrationBuilder.CreateIndex(
                name: "IX_ModuleCompletions_ModuleId_PersonId",
                table: "ModuleCompletions",
                columns: new[] { "ModuleId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModuleCompletions_PersonId",
                table: "ModuleCompletions",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgramTrainings_CourseId",
                table: "ProgramTrainings",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgramTrainings_ProgramId_CourseId",
                table: "ProgramTrainings",
                columns: new[] { "ProgramId", "CourseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelfAssessments_PersonId",
                table: "SelfAssessments",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SelfAssessments_ProgramId_PersonId_Stage",
                table: "SelfAssessments",
                columns: new[] { "ProgramId", "PersonId", "Stage" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrainingCourses_Key",
                table: "TrainingCourses",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrainingModules_CourseId_Order",
                table: "TrainingModules",
                columns: new[] { "CourseId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingVideos_ModuleId",
                table: "TrainingVideos",
                column: "ModuleId",
                unique: true);

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

            migrationBuilder.DropTable(
                name: "DiscussionAnswers");

            migrationBuilder.DropTable(
                name: "ModuleCompletions");

            migrationBuilder.DropTable(
                name: "ProgramTrainings");

            migrationBuilder.DropTable(
                name: "SelfAssessments");

            migrationBuilder.DropTable(
                name: "TrainingVideos");

            migrationBuilder.DropTable(
                name: "DiscussionQuestions");

            migrationBuilder.DropTable(
                name: "TrainingModules");

            migrationBuilder.DropTable(
                name: "TrainingCourses");

            migrationBuilder.DropIndex(
                name: "IX_SessionAttendees_SessionId_Response_PersonId",
                table: "SessionAttendees");

            migrationBuilder.DropIndex(
                name: "IX_Reflections_GroupId",
                table: "Reflections");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Reflections_OneSpace",
                table: "Reflections");

            migrationBuilder.DropIndex(
                name: "IX_People_Level_Active_OfficeId",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_OfficeId_Active",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_SearchText",
                table: "People");

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

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AlterColumn<int>(
                name: "NotificationId",
                table: "StandupDigests",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "Reflections",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "MentorshipPlans",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "MentorshipNotes",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "Goals",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "CheckIns",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "MentorshipId",
                table: "ActionItems",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_OfficeId",
                table: "People",
                column: "OfficeId");
        }
    }
}
