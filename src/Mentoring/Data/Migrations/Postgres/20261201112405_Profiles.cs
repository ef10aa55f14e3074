using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mentoring.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Profiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "Channels",
                table: "People",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "HopesToGet",
                table: "People",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "HopesToGive",
                table: "People",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "Languages",
                table: "People",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "PreferredFormats",
                table: "People",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<int>(
                name: "WorkdayEnd",
                table: "People",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WorkdayStart",
                table: "People",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Channels",
                table: "People");

            migrationBuilder.DropColumn(
                name: "HopesToGet",
                table: "People");

            migrationBuilder.DropColumn(
                name: "HopesToGive",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Languages",
                table: "People");

            migrationBuilder.DropColumn(
                name: "PreferredFormats",
                table: "People");

            migrationBuilder.DropColumn(
                name: "WorkdayEnd",
                table: "People");

            migrationBuilder.DropColumn(
                name: "WorkdayStart",
                table: "People");
        }
    }
}
