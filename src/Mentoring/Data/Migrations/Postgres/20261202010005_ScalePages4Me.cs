using Mentoring.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Postgres
{
    /// <summary>
    /// Hand-written, no model change (bench/README.md, "My mentoring"): a person's own active enrollments (the
    /// programs of their surveys and boards) come from the index alone, not from every active enrollment's entry.
    /// </summary>
    [DbContext(typeof(PostgresMentoringDbContext))]
    [Migration("20261202010005_ScalePages4Me")]
    public partial class ScalePages4Me : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX "IX_Enrollments_PersonId_Status_ProgramId" ON "Enrollments" ("PersonId", "Status", "ProgramId");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Enrollments_PersonId_Status_ProgramId";""");
        }
    }
}
