using Mentoring.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Sqlite
{
    /// <summary>
    /// Hand-written, no model change (bench/README.md, "Search"): the roster search's trigram index without case folding,
    /// so that it matches exactly the people <c>SearchText LIKE '%term%'</c> does (SearchText and terms are lower-case)
    /// and the matches' rows need not be read to check; and the matches' ids, active flags and names from one small index,
    /// to count and sort them without reading the people.
    /// </summary>
    [DbContext(typeof(SqliteMentoringDbContext))]
    [Migration("20261202010100_ScalePages4Search")]
    public partial class ScalePages4Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "People_Search_Update";
                DROP TRIGGER "People_Search_Delete";
                DROP TRIGGER "People_Search_Insert";
                DROP TABLE "PeopleSearch";
                """);
            Search(migrationBuilder, "trigram case_sensitive 1");
            migrationBuilder.Sql("""CREATE INDEX "IX_People_Id_Active_Name" ON "People" ("Id", "Active", "Name");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_People_Id_Active_Name";
                DROP TRIGGER "People_Search_Update";
                DROP TRIGGER "People_Search_Delete";
                DROP TRIGGER "People_Search_Insert";
                DROP TABLE "PeopleSearch";
                """);
            Search(migrationBuilder, "trigram");
        }

        /// <summary>The trigram index over People.SearchText, filled, and the triggers that keep it in step (as in ScalePages2).</summary>
        private static void Search(MigrationBuilder migrationBuilder, string tokenizer) =>
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE "PeopleSearch" USING fts5("SearchText", content='People', content_rowid='Id', tokenize='{tokenizer}');
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
    }
}
