using Mentoring.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Postgres
{
    /// <summary>
    /// Hand-written, no model change (bench/README.md, "Fast at 100,000 people"): the people list filtered by
    /// department counts its active people from the index alone, not from thousands of rows.
    /// </summary>
    [DbContext(typeof(PostgresMentoringDbContext))]
    [Migration("20261201230005_ScalePages3")]
    public partial class ScalePages3 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX "IX_People_Department_Active" ON "People" ("Department", "Active");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_People_Department_Active";""");
        }
    }
}
