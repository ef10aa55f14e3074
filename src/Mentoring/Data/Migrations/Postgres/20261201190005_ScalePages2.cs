using Mentoring.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Postgres
{
    /// <summary>
    /// Hand-written, no model change (bench/README.md, "Fast at 100,000 people"): covering indexes for the
    /// dashboard's and the people list's organisation-wide counts (the search has its trigram index already).
    /// </summary>
    [DbContext(typeof(PostgresMentoringDbContext))]
    [Migration("20261201190005_ScalePages2")]
    public partial class ScalePages2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX "IX_Enrollments_Status_ProgramId_Role_PersonId" ON "Enrollments" ("Status", "ProgramId", "Role", "PersonId");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_People_Id_Active_Level" ON "People" ("Id", "Active", "Level");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_People_Invitable" ON "People" ("Id") WHERE "Active" AND "Email" IS NOT NULL AND "Email" <> '';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX "IX_People_Invitable";
                DROP INDEX "IX_People_Id_Active_Level";
                DROP INDEX "IX_Enrollments_Status_ProgramId_Role_PersonId";
                """);
        }
    }
}
