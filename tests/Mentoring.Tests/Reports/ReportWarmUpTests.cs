using Mentoring.Features.Reports;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.Reports;

/// <summary>
/// The served app's warm-up of the report (ReportWarmUp) runs the report's code on each store and
/// writes nothing: the same rows are there after it, and a real report after it is the same as before.
/// </summary>
public abstract class ReportWarmUpTests(AppFixture app)
{
    [Fact]
    public async Task Runs_every_query_on_each_store_and_leaves_the_store_and_the_report_as_they_were()
    {
        async Task<(int, int, int, int, int)> Counts()
        {
            await using var db = app.OpenContext();
            return (await db.Programs.CountAsync(), await db.People.CountAsync(), await db.Enrollments.IgnoreQueryFilters().CountAsync(),
                await db.Sessions.CountAsync(), await db.AuditRecords.CountAsync());
        }
        int programId;
        await using (var db = app.OpenContext())
        {
            programId = await db.Programs.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        }
        using var scope = app.App.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
        var before = await Counts();
        var reportBefore = System.Text.Json.JsonSerializer.Serialize((await reports.BuildAsync(programId, null, CancellationToken.None)).Value, ReportService.Json);

        await reports.WarmUpAsync(CancellationToken.None);

        Assert.Equal(before, await Counts());
        Assert.Equal(reportBefore, System.Text.Json.JsonSerializer.Serialize((await reports.BuildAsync(programId, null, CancellationToken.None)).Value, ReportService.Json));
    }
}

public sealed class SqliteReportWarmUpTests(SqliteAppFixture app) : ReportWarmUpTests(app), IClassFixture<SqliteAppFixture>;

public sealed class PostgresReportWarmUpTests(PostgresAppFixture app) : ReportWarmUpTests(app), IClassFixture<PostgresAppFixture>;
