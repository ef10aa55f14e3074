using Mentoring.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Sqlite
{
    /// <summary>
    /// Hand-written, no model change (bench/README.md, "Fast at 100,000 people"): the roster search's
    /// trigram index (FTS5, kept by triggers) and covering indexes for the dashboard's and the people
    /// list's organisation-wide counts.
    /// </summary>
    [DbContext(typeof(SqliteMentoringDbContext))]
    [Migration("20261201190000_ScalePages2")]
    public partial class ScalePages2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SearchText LIKE '%term%' reads every person; a trigram index finds the few that hold the term.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "PeopleSearch" USING fts5("SearchText", content='People', content_rowid='Id', tokenize='trigram');
                INSERT INTO "PeopleSearch"("PeopleSearch") VALUES ('rebuild');
                CREATE TRIGGER "People_Search_Insert" AFTER INSERT ON "People" BEGIN
                    INSERT INTO "PeopleSearch"(rowid, "SearchText") VALUES (new."Id", new."SearchText");
                END;
                CREATE TRIGGER "People_Search_Delete" AFTER DELETE ON "People" BEGIN
                    INSERT INTO "PeopleSearch"("PeopleSearch", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText");
                END;
                CREATE TRIGGER "People_Search_Update" AFTER UPDATE OF "SearchText" ON "People" BEGIN
                    INSERT INTO "PeopleSearch"("PeopleSearch", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText");
                    INSERT INTO "PeopleSearch"(rowid, "SearchText") VALUES (new."Id", new."SearchText");
                END;
                """);
            // The dashboard counts active enrollments per program and role, and the people they reach per level,
            // from the index alone.
            migrationBuilder.Sql("""CREATE INDEX "IX_Enrollments_Status_ProgramId_Role_PersonId" ON "Enrollments" ("Status", "ProgramId", "Role", "PersonId");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_People_Id_Active_Level" ON "People" ("Id", "Active", "Level");""");
            // The people who can be invited (active, with an e-mail address), counted without reading their rows.
            migrationBuilder.Sql("""CREATE INDEX "IX_People_Invitable" ON "People" ("Id") WHERE "Active" AND "Email" IS NOT NULL AND "Email" <> '';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_People_Invitable";
                DROP INDEX "IX_People_Id_Active_Level";
                DROP INDEX "IX_Enrollments_Status_ProgramId_Role_PersonId";
                DROP TRIGGER "People_Search_Update";
                DROP TRIGGER "People_Search_Delete";
                DROP TRIGGER "People_Search_Insert";
                DROP TABLE "PeopleSearch";
                """);
        }
    }
}
