using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Dashboard;
using Mentoring.Features.People;
using Mentoring.Features.Programs;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Dashboard;

/// <summary>
/// The dashboard keeps the organisation figures for a short while: they are the same as counted from the
/// store, they follow a change saved through the app at once (tracked saves, ExecuteUpdate, bulk rows, the
/// roster import), and a change made behind the app's back shows once the kept figures are old.
/// </summary>
public abstract class DashboardFiguresTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    [Fact]
    public async Task The_figures_are_those_of_the_store_and_follow_changes_made_through_the_app_at_once()
    {
        using var admin = app.As(Roles.Admin);
        var before = await FiguresAsync(admin);
        Assert.Equal(await CountedFromTheStoreAsync(), before);

        var junior = await (await admin.PostJsonAsync("/api/people", new PersonInput { ExternalId = $"DASH-{Guid.NewGuid():N}"[..20], Name = "Quiet Junior", Level = 1 }))
            .ReadAsync<PersonDto>();
        var added = await FiguresAsync(admin);
        Assert.Equal(before with { ActivePeople = before.ActivePeople + 1, JuniorsNotReached = before.JuniorsNotReached + 1 }, added);

        var program = await ActiveProgramAsync();
        var enrolled = await admin.PostJsonAsync($"/api/programs/{program}/enrollments", new EnrollmentInput { PersonId = junior.Id, Role = EnrollmentRole.Mentee });
        Assert.True(enrolled.IsSuccessStatusCode, await enrolled.Content.ReadAsStringAsync());
        var reached = await FiguresAsync(admin);
        Assert.Equal(added.JuniorsNotReached - 1, reached.JuniorsNotReached);
        Assert.Equal(await CountedFromTheStoreAsync(), reached);

        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/offices", new { name = $"Dashboard office {Guid.NewGuid():N}"[..30], timeZone = "Europe/Paris" })).StatusCode);
        Assert.Equal(reached.Offices + 1, (await FiguresAsync(admin)).Offices);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/people/{junior.Id}/deactivate", null)).StatusCode);
        var left = await FiguresAsync(admin);
        Assert.Equal(reached.ActivePeople - 1, left.ActivePeople);
        Assert.Equal(await CountedFromTheStoreAsync(), left);

        // The roster import (COPY on PostgreSQL) shows at once too.
        var id = Guid.NewGuid().ToString("N")[..8];
        var csv = $"EmployeeNumber,Full Name,Department,JobLevel\r\nDI-{id}-1,Ada Quiet,Research,1\r\nDI-{id}-2,Bo Quiet,Research,2\r\n";
        var imported = await admin.PostAsync("/api/people/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var afterImport = await FiguresAsync(admin);
        Assert.Equal(left with { ActivePeople = left.ActivePeople + 2, JuniorsNotReached = left.JuniorsNotReached + 2 }, afterImport);
    }

    [Fact]
    public async Task Writes_that_bypass_the_tracker_show_at_once_and_rows_written_in_a_transaction_once_it_commits()
    {
        using var admin = app.As(Roles.Admin);
        var before = await FiguresAsync(admin);
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();

        // ExecuteUpdate, as the retention pass and other bulk changes write.
        var someone = await db.People.Where(p => p.Active && p.Level > Person.JuniorMaxLevel).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        await db.People.Where(p => p.Id == someone).ExecuteUpdateAsync(set => set.SetProperty(p => p.Active, false));
        var deactivated = await FiguresAsync(admin);
        Assert.Equal(before.ActivePeople - 1, deactivated.ActivePeople);
        await db.People.Where(p => p.Id == someone).ExecuteUpdateAsync(set => set.SetProperty(p => p.Active, true));
        Assert.Equal(before, await FiguresAsync(admin));

        // Bulk rows inside a transaction: counted while it is open, the figures cannot see them; after the commit they do.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var people = Enumerable.Range(1, 3).Select(n => new Person { ExternalId = $"BULK-{Guid.NewGuid():N}"[..20], Name = $"Bulk junior {n}", Level = 1, Active = true }).ToList();
            await BulkRows.InsertAsync(db, people, setKeys: true, CancellationToken.None);
            Assert.Equal(before, await FiguresAsync(admin));
            await transaction.CommitAsync();
        });
        Assert.Equal(before with { ActivePeople = before.ActivePeople + 3, JuniorsNotReached = before.JuniorsNotReached + 3 }, await FiguresAsync(admin));
    }

    [Fact]
    public async Task A_sponsor_sees_the_same_figures_and_a_mentee_none()
    {
        using var admin = app.As(Roles.Admin);
        using var sponsor = app.As(Roles.Sponsor);
        using var mentee = app.As(Roles.Mentee);
        Assert.Equal(await FiguresAsync(admin), await FiguresAsync(sponsor));
        var page = await mentee.GetStringAsync("/");
        Assert.DoesNotContain("stat-value", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Counted at", page, StringComparison.Ordinal);
    }

    private async Task<int> ActiveProgramAsync()
    {
        await using var db = app.OpenContext();
        return await db.Programs.Where(p => p.Status == ProgramStatus.Active && p.Kind == ProgramKind.Mentoring).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
    }

    /// <summary>The figures counted with plain LINQ over the store, each in its own way, to compare with the page's.</summary>
    private async Task<Figures> CountedFromTheStoreAsync()
    {
        await using var db = app.OpenContext();
        var reached = db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active && e.Program!.Status == ProgramStatus.Active);
        var active = db.People.Where(p => p.Active);
        return new Figures(
            await active.CountAsync(),
            await db.Offices.CountAsync(),
            await db.Programs.CountAsync(p => p.Status == ProgramStatus.Active),
            await active.CountAsync(p => reached.Any(e => e.PersonId == p.Id && e.Role == EnrollmentRole.Mentor)),
            await active.CountAsync(p => reached.Any(e => e.PersonId == p.Id && e.Role == EnrollmentRole.Mentee)),
            await active.CountAsync(p => p.Level <= Person.JuniorMaxLevel && !reached.Any(e => e.PersonId == p.Id)));
    }

    internal sealed record Figures(int ActivePeople, int Offices, int ActivePrograms, int Mentors, int Mentees, int JuniorsNotReached);

    internal static async Task<Figures> FiguresAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/");
        return new Figures(Figure(html, "Active people"), Figure(html, "Offices"), Figure(html, "Programs active"),
            Figure(html, "Mentors enrolled"), Figure(html, "Mentees enrolled"), Figure(html, "Juniors in no active program"));
    }

    private static int Figure(string html, string label)
    {
        var match = Regex.Match(html, $"""<span class="stat-value">([\d,]+)</span>\s*<span class="stat-label">\s*(?:<a [^>]*>)?\s*{Regex.Escape(label)}\s*<""");
        Assert.True(match.Success, $"no figure \"{label}\" on the dashboard");
        return int.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en-GB"));
    }
}

public sealed class SqliteDashboardFiguresTests(SqliteAppFixture app) : DashboardFiguresTests<SqliteAppFixture>(app);

public sealed class PostgresDashboardFiguresTests(PostgresAppFixture app) : DashboardFiguresTests<PostgresAppFixture>(app);

/// <summary>On a clock the test moves: what changes behind the app's back shows once the kept figures are older than the window.</summary>
public sealed class DashboardFreshnessTests(FakeClockAppFixture app) : IClassFixture<FakeClockAppFixture>
{
    [Fact]
    public async Task A_change_behind_the_apps_back_shows_once_the_figures_are_older_than_the_window_counted_once_for_all()
    {
        using var admin = app.As(Roles.Admin);
        var clock = app.Clock!;
        var keeper = app.App.Services.GetRequiredService<OrganisationFiguresKeeper>();
        var before = await DashboardFiguresTests<FakeClockAppFixture>.FiguresAsync(admin);
        var page = await admin.GetStringAsync("/");
        var countedAt = clock.GetCurrentInstant().InUtc().ToString("HH:mm", CultureInfo.InvariantCulture);
        Assert.Contains($"Counted at {countedAt} UTC; the figures refresh every 30 seconds, so a change can take up to 30 seconds to show.", page, StringComparison.Ordinal);

        // Another context, without the app's interceptors: as another instance or a script would write.
        await using (var db = app.OpenContext())
        {
            db.People.Add(new Person { ExternalId = "BEHIND-1", Name = "Behind The Back", Level = 1, Active = true });
            await db.SaveChangesAsync();
        }
        Assert.Equal(before, await DashboardFiguresTests<FakeClockAppFixture>.FiguresAsync(admin));
        clock.Advance(Duration.FromSeconds(29));
        Assert.Equal(before, await DashboardFiguresTests<FakeClockAppFixture>.FiguresAsync(admin));

        clock.Advance(Duration.FromSeconds(2));
        var counts = keeper.Counts;
        using var sponsor = app.As(Roles.Sponsor);
        // Twenty at once after the window: one of them counts again, the others are not held up by a count each.
        var pages = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => (n % 2 == 0 ? admin : sponsor).GetStringAsync("/")));
        Assert.Equal(counts + 1, keeper.Counts);
        Assert.All(pages, p => Assert.Contains("Counted at", p, StringComparison.Ordinal));
        var after = await DashboardFiguresTests<FakeClockAppFixture>.FiguresAsync(admin);
        Assert.Equal(before with { ActivePeople = before.ActivePeople + 1, JuniorsNotReached = before.JuniorsNotReached + 1 }, after);
        Assert.Equal(counts + 1, keeper.Counts);
    }
}
