using System.Text;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.People;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Import;

/// <summary>The roster importer against a real, empty store of each kind (migrated, no demo data).</summary>
public abstract class RosterImportTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestStore store = null!;

    public async Task InitializeAsync()
    {
        store = TestStore.Create(provider);
        await using var db = store.OpenContext();
        await DatabaseSetup.MigrateAsync(db);
        db.Offices.AddRange(
            new Office { Name = "London", TimeZone = "Europe/London" },
            new Office { Name = "New York", TimeZone = "America/New_York" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    private async Task<ImportResult> Import(string csv, bool dryRun = false) =>
        await Import(new MemoryStream(Encoding.UTF8.GetBytes(csv)), dryRun);

    private async Task<ImportResult> Import(Stream csv, bool dryRun = false)
    {
        await using var db = store.OpenContext();
        return await new RosterImporter(db).ImportAsync(csv, dryRun);
    }

    private async Task<int> CountPeople()
    {
        await using var db = store.OpenContext();
        return await db.People.CountAsync();
    }

    [Fact]
    public async Task Ibm_roster_imports_as_it_is_and_again_changes_nothing()
    {
        await using (var file = File.OpenRead(RepoPaths.IbmRoster))
        {
            var first = await Import(file);
            Assert.True(first.Succeeded, string.Join("; ", first.Errors));
            Assert.Equal("1470 created, 0 updated, 0 unchanged", first.Summary);
        }
        await using (var file = File.OpenRead(RepoPaths.IbmRoster))
        {
            Assert.Equal("0 created, 0 updated, 1470 unchanged", (await Import(file)).Summary);
        }

        await using var db = store.OpenContext();
        var first1 = await db.People.SingleAsync(p => p.ExternalId == "1");
        Assert.Equal("Employee 1", first1.Name);
        Assert.Equal("Sales", first1.Department);
        Assert.Equal("Sales Executive", first1.JobTitle);
        Assert.Equal(2, first1.Level);
        Assert.Equal("Yes", first1.Attributes["Attrition"]);
        Assert.Equal("6", first1.Attributes["YearsAtCompany"]);
        Assert.Equal(1470, await db.People.CountAsync());
    }

    [Fact]
    public async Task One_bad_level_writes_nothing_and_names_line_and_column()
    {
        var lines = (await File.ReadAllTextAsync(RepoPaths.IbmRoster)).Split("\r\n");
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        var cells = lines[700].Split(',');
        cells[Array.IndexOf(header, "JobLevel")] = "senior-ish";
        lines[700] = string.Join(',', cells);

        var result = await Import(string.Join("\r\n", lines));
        var error = Assert.Single(result.Errors);
        Assert.Equal("line 701, column JobLevel: \"senior-ish\" is not a level from 1 to 5", error.ToString());
        Assert.Equal(0, await CountPeople());
    }

    [Fact]
    public async Task Errors_are_listed_up_to_twenty_in_line_order()
    {
        var csv = new StringBuilder("Id,Name,Level\n");
        for (var i = 0; i < 30; i++)
        {
            csv.Append(i).Append(",P").Append(i).Append(",9\n");
        }
        var result = await Import(csv.ToString());
        Assert.Equal(RosterImporter.MaxErrors, result.Errors.Count);
        Assert.Equal(Enumerable.Range(2, 20), result.Errors.Select(e => e.Line));
    }

    [Theory]
    [InlineData("Id,Name\nA1,One\nA1,Again\n", "line 3, column Id: duplicate id \"A1\" (first on line 2)")]
    [InlineData("Id,Name,Office\nA1,One,Paris\n", "line 2, column Office: unknown office \"Paris\" (known: London, New York)")]
    [InlineData("Id,Name,TimeZone\nA1,One,Mars/Base\n", "line 2, column TimeZone: unknown time zone \"Mars/Base\" (use an IANA id such as Europe/London)")]
    [InlineData("Id,Name,ManagerId\nA1,One,Z9\n", "line 2, column ManagerId: unknown manager id \"Z9\"")]
    [InlineData("Id,Name,ManagerId\nA1,One,A2\nA2,Two,A3\nA3,Three,A1\n", "line 2, column ManagerId: the reporting line loops: \"A1\" → \"A2\" → \"A3\" → \"A1\"")]
    [InlineData("Id,Name,ManagerId\nA1,One,A1\n", "line 2, column ManagerId: \"A1\" is the person themself")]
    [InlineData("Id,Name,HireDate\nA1,One,31/12/2020\n", "line 2, column HireDate: \"31/12/2020\" is not a date (yyyy-MM-dd)")]
    [InlineData("Id,Name\nA1,\"One\nA2,Two\n", "line 2: a quoted field opened on this line is never closed (a \" is missing)")]
    [InlineData("Id,Name\n,Nobody\n", "line 2, column Id: the id is empty")]
    [InlineData("Name,Department\nOne,Sales\n", "line 1: no id column: name one of ExternalId, EmployeeNumber, EmployeeId, StaffId (found: Name, Department)")]
    [InlineData("", "line 1: the file is empty: expected a header line with at least an id column (e.g. EmployeeNumber or ExternalId)")]
    public async Task Bad_rows_are_named_and_nothing_is_written(string csv, string expected)
    {
        var result = await Import(csv);
        Assert.Equal(expected, Assert.Single(result.Errors).ToString());
        Assert.Equal(0, await CountPeople());
    }

    [Fact]
    public async Task Dry_run_counts_without_writing()
    {
        const string csv = "Id,Name,Level\nA1,One,1\nA2,Two,2\n";
        var dry = await Import(csv, dryRun: true);
        Assert.Equal((2, 0, 0, true), (dry.Created, dry.Updated, dry.Unchanged, dry.DryRun));
        Assert.Equal(0, await CountPeople());

        await Import(csv);
        var dryUpdate = await Import("Id,Name,Level\nA1,One,3\nA2,Two,2\nA3,Three,1\n", dryRun: true);
        Assert.Equal((1, 1, 1), (dryUpdate.Created, dryUpdate.Updated, dryUpdate.Unchanged));
        await using var db = store.OpenContext();
        Assert.Equal(1, (await db.People.SingleAsync(p => p.ExternalId == "A1")).Level);
    }

    [Fact]
    public async Task Managers_may_come_later_in_the_file_and_common_hr_headers_are_understood()
    {
        const string csv = "\uFEFFEmployee ID;First Name;Last Name;Work Email;Dept;Position;Grade;Location;TZ;Reports To;Start Date;Skills\r\n"
            + "E2;Grace;Hopper;grace@example.com;Engineering;Engineer;2;London;;E1;2025-03-01;cobol, compilers\r\n"
            + "E1;Ada;Lovelace;ada@example.com;Engineering;Director;5;New York;America/Chicago;;2019-01-07;maths\r\n";
        var result = await Import(csv);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(2, result.Created);

        await using var db = store.OpenContext();
        var grace = await db.People.Include(p => p.Manager).Include(p => p.Office).SingleAsync(p => p.ExternalId == "E2");
        Assert.Equal("Grace Hopper", grace.Name);
        Assert.Equal("Ada Lovelace", grace.Manager?.Name);
        Assert.Equal("London", grace.Office?.Name);
        Assert.Equal(new NodaTime.LocalDate(2025, 3, 1), grace.HireDate);
        Assert.Equal(["cobol", "compilers"], grace.Skills);
        Assert.Equal("America/Chicago", (await db.People.SingleAsync(p => p.ExternalId == "E1")).TimeZone);

        Assert.Equal("0 created, 0 updated, 2 unchanged", (await Import(csv)).Summary);
        // Moving Grace to another manager is one update.
        var moved = csv.Replace(";E1;2025", ";;2025", StringComparison.Ordinal);
        Assert.Equal("0 created, 1 updated, 1 unchanged", (await Import(moved)).Summary);
    }

    [Fact]
    public async Task Export_then_import_changes_nothing()
    {
        await Import("Id,Name,Email,Department,Level,Office,ManagerId,Interests,Custom Column\nB1,Boss,b@x.org,Ops,4,London,,chess;running,x\nB2,Report,,Ops,1,,B1,,y\n");
        using var exported = new MemoryStream();
        await using (var db = store.OpenContext())
        {
            Assert.Equal(2, await RosterExporter.WriteAsync(db, exported, CancellationToken.None));
        }
        exported.Position = 0;
        var again = await Import(exported);
        Assert.True(again.Succeeded, string.Join("; ", again.Errors));
        Assert.Equal("0 created, 0 updated, 2 unchanged", again.Summary);
    }
}

public sealed class SqliteRosterImportTests() : RosterImportTests(DatabaseProvider.Sqlite);

public sealed class PostgresRosterImportTests() : RosterImportTests(DatabaseProvider.Postgres);
