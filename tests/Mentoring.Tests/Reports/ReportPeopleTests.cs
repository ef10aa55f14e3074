using Mentoring.Domain;
using Mentoring.Features.Reports;
using Mentoring.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Mentoring.Tests.Reports;

/// <summary>
/// The roster as the report reads it, on each store: the HR attributes by their exact name come out
/// of the JSON in the database; a person without one of them under that name (another case, or none)
/// has their whole JSON read, as the report always read it. And the report built with its held-session
/// counts read on a connection of its own.
/// </summary>
public abstract class ReportPeopleTests(AppFixture app)
{
    [Fact]
    public async Task Attributes_under_their_name_another_case_or_missing_and_the_report_beside_them()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        Person Make(string name, Dictionary<string, string> attributes, bool active = true, LocalDate? hired = null)
        {
            var p = new Person { ExternalId = $"RP-{tag}-{name}", Name = $"{name} {tag}", Level = 1, Department = $"RP {tag}", Active = active, Attributes = attributes, HireDate = hired };
            p.RefreshSearchText();
            return p;
        }
        var exact = Make("Exact", new() { ["Attrition"] = "Yes", ["YearsAtCompany"] = "3" });
        var otherCase = Make("OtherCase", new() { ["attrition"] = " TRUE ", ["YEARSATCOMPANY"] = "7.5", ["Team"] = "Blue" });
        var missingYears = Make("MissingYears", new() { ["Attrition"] = "No" }, hired: new LocalDate(2020, 1, 1));
        var none = Make("None", [], active: false);
        var program = new MentoringProgram { Name = $"Report people {tag}", Kind = ProgramKind.Mentoring, Status = ProgramStatus.Active, StartDate = new LocalDate(2027, 1, 4) };
        await using (var db = app.OpenContext())
        {
            db.People.AddRange(exact, otherCase, missingYears, none);
            db.Programs.Add(program);
            await db.SaveChangesAsync();
        }

        using var scope = app.App.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var people = (await reports.PeopleAsync(CancellationToken.None)).ToDictionary(p => p.Id);

        Assert.Equal((true, 3.0), (people[exact.Id].Left, people[exact.Id].Tenure));
        Assert.Equal((true, 7.5), (people[otherCase.Id].Left, people[otherCase.Id].Tenure));
        // No YearsAtCompany: the tenure from the hire date (days since it, as years, on the epoch's scale).
        Assert.Equal((false, -Period.Between(new LocalDate(1970, 1, 1), new LocalDate(2020, 1, 1), PeriodUnits.Days).Days / 365.25),
            (people[missingYears.Id].Left, people[missingYears.Id].Tenure));
        Assert.Equal((true, (double?)null, false), (people[none.Id].Left, people[none.Id].Tenure, people[none.Id].Junior));
        Assert.True(people[exact.Id].Junior);

        var report = await reports.BuildAsync(program.Id, new LocalDate(2027, 3, 1), CancellationToken.None);
        Assert.Equal(program.Id, report.Value!.Program.Id);
        Assert.Equal((0, 0), (report.Value.Coverage.Enrolled, report.Value.Coverage.Reached));
        Assert.Equal(people.Values.Count(p => p.Junior), report.Value.Coverage.Juniors);
    }
}

public sealed class SqliteReportPeopleTests(SqliteAppFixture app) : ReportPeopleTests(app), IClassFixture<SqliteAppFixture>;

public sealed class PostgresReportPeopleTests(PostgresAppFixture app) : ReportPeopleTests(app), IClassFixture<PostgresAppFixture>;
