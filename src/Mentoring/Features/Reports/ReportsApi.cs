using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.Reports;

/// <summary>The program report (JSON, CSV by section, PDF) and the organisation report, for admins and sponsors.</summary>
public static class ReportsApi
{
    public static IServiceCollection AddReportsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section));
        services.AddScoped<ReportService>().AddScoped<OrganisationReportService>().AddScoped<ReportSnapshots>();
        services.AddHostedService<ReportSnapshotJob>();
        return services;
    }

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/").WithTags("Reports").RequireAuthorization(Policies.AdminOrSponsor);
        reports.MapGet("/programs/{id:int}/report", Json).WithName("ProgramReport")
            .WithSummary("The program report: coverage, equity, office days, engagement and retention (?asOf=yyyy-MM-dd for a past date).");
        reports.MapGet("/programs/{id:int}/report.csv", Csv).WithName("ProgramReportCsv")
            .WithSummary("One section of the program report as CSV: section=coverage|equity|officeDays|engagement|retention.");
        reports.MapGet("/programs/{id:int}/report.pdf", Pdf).WithName("ProgramReportPdf").WithSummary("The program report as a printable PDF.");
        reports.MapGet("/programs/{id:int}/report/snapshots", Snapshots).WithName("ProgramReportSnapshots")
            .WithSummary("The weekly snapshots of the program report kept so far, oldest first.");
        reports.MapGet("/reports/organisation", Organisation).WithName("OrganisationReport")
            .WithSummary("Across programs: juniors reached by segment, seniors' office days against the mandate, juniors reached on purpose against by no program.");
        return api;
    }

    /// <summary>The asOf parameter: a yyyy-MM-dd date, or none for today.</summary>
    public static bool TryParseAsOf(string? text, out LocalDate? asOf)
    {
        asOf = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        asOf = parsed.Success ? parsed.Value : null;
        return parsed.Success;
    }

    private static async Task<Results<Ok<ProgramReport>, NotFound, ValidationProblem>> Json(
        int id, [FromQuery] string? asOf, ReportService reports, CancellationToken cancellationToken)
    {
        if (!TryParseAsOf(asOf, out var date))
        {
            return Problems.Field("asOf", "give a date as yyyy-MM-dd");
        }
        return (await reports.BuildAsync(id, date, cancellationToken)).ToOk();
    }

    private static async Task<Results<ContentHttpResult, NotFound, ValidationProblem>> Csv(
        int id, [FromQuery] string? section, [FromQuery] string? asOf, ReportService reports, CancellationToken cancellationToken)
    {
        if (ReportCsv.SectionOf(section) is not { } name)
        {
            return Problems.Field("section", "name one of " + string.Join(", ", ReportCsv.Sections));
        }
        if (!TryParseAsOf(asOf, out var date))
        {
            return Problems.Field("asOf", "give a date as yyyy-MM-dd");
        }
        var report = await reports.BuildAsync(id, date, cancellationToken);
        if (!report.Succeeded)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Text(ReportCsv.Write(report.Value!, name), "text/csv; charset=utf-8");
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> Pdf(
        int id, [FromQuery] string? asOf, ReportService reports, CancellationToken cancellationToken)
    {
        if (!TryParseAsOf(asOf, out var date))
        {
            return Problems.Field("asOf", "give a date as yyyy-MM-dd");
        }
        var report = await reports.BuildAsync(id, date, cancellationToken);
        if (!report.Succeeded)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(ReportPdf.Write(report.Value!), "application/pdf", $"program-{id}-report-{report.Value!.AsOf}.pdf");
    }

    private static async Task<Results<Ok<List<SnapshotDto>>, NotFound>> Snapshots(int id, ReportSnapshots snapshots, CancellationToken cancellationToken) =>
        await snapshots.ListAsync(id, cancellationToken) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    private static async Task<Results<Ok<OrganisationReport>, ValidationProblem>> Organisation(
        [FromQuery] string? asOf, OrganisationReportService reports, CancellationToken cancellationToken)
    {
        if (!TryParseAsOf(asOf, out var date))
        {
            return Problems.Field("asOf", "give a date as yyyy-MM-dd");
        }
        return TypedResults.Ok(await reports.BuildAsync(date, cancellationToken));
    }
}
