using Mentoring.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Postgres
{
    /// <summary>
    /// Hand-written, no model change (bench/README.md, "PostgreSQL pages"): the people list, active (or inactive) people
    /// by name, reads its page of fifty in order from the index, instead of reading past the others by name and sorting
    /// the names' ties by id.
    /// </summary>
    [DbContext(typeof(PostgresMentoringDbContext))]
    [Migration("20261202010105_ScalePages4Postgres")]
    public partial class ScalePages4Postgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX "IX_People_Active_Name_Id" ON "People" ("Active", "Name", "Id");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_People_Active_Name_Id";""");
        }
    }
}
