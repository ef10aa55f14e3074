using System.Globalization;
using CsvHelper;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.People;
using Mentoring.Features.Shared;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Mentorships;

/// <summary>
/// A program's relationship health for its admins: pairs by health with the rule written out,
/// check-ins per week against what the plans expect, goals, ratings, who went quiet, a CSV, and the
/// rule's settings; the program's groups by the same rule, with their own CSV. Counts, dates and flags
/// only: no text a pair or a group wrote reaches this page.
/// </summary>
public sealed class HealthModel(MentoringDbContext db, HealthQueries health, IClock clock, Rematches rematches, CurrentPerson current) : PageModel
{
    public MentoringProgram? Program { get; private set; }

    public IReadOnlyList<HealthDto> All { get; private set; } = [];

    public IReadOnlyList<HealthDto> Shown { get; private set; } = [];

    public IReadOnlyList<GroupHealthDto> AllGroups { get; private set; } = [];

    /// <summary>The program's groups the filters leave, as <see cref="Shown"/> for the pairs.</summary>
    public IReadOnlyList<GroupHealthDto> ShownGroups { get; private set; } = [];

    public BarChart? Weekly { get; private set; }

    [BindProperty(SupportsGet = true)]
    public RelationshipHealth? Filter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool QuietOnly { get; set; }

    [BindProperty]
    public HealthRule Rule { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public static string Label(RelationshipHealth h) => h switch
    {
        RelationshipHealth.OnTrack => "On track",
        RelationshipHealth.NeedsCheckIn => "Needs a check-in",
        RelationshipHealth.AtRisk => "At risk",
        _ => "Too early to tell",
    };

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(int id) => !await LoadAsync(id) ? NotFound() : await CsvAsync($"health-{id}.csv",
        ["mentorship", "mentor", "mentee", "health", "last_check_in", "check_ins", "expected", "missed", "goals_set", "goals_done", "mean_rating", "not_a_good_fit", "admin_told", "ignored_reminders", "plan_confirmed"],
        Shown, (csv, p) =>
        {
            csv.WriteField(p.MentorshipId);
            csv.WriteField(RosterColumns.Neutralize(p.MentorName));
            csv.WriteField(RosterColumns.Neutralize(p.MenteeName));
            csv.WriteField(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(p.Health.ToString()));
            csv.WriteField(p.LastCheckIn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(p.CheckIns);
            csv.WriteField(p.ExpectedCheckIns);
            csv.WriteField(p.MissedPeriods);
            csv.WriteField(p.GoalsSet);
            csv.WriteField(p.GoalsDone);
            csv.WriteField(p.MeanRating?.ToString("0.00", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(p.NotAGoodFit ? "yes" : "no");
            csv.WriteField(p.AdminTold ? "yes" : "no");
            csv.WriteField(RosterColumns.Neutralize(string.Join("; ", p.IgnoredReminders)));
            csv.WriteField(p.PlanConfirmed ? "yes" : "no");
        });

    /// <summary>The groups the filters leave, one row each, as the page shows them.</summary>
    public async Task<IActionResult> OnGetGroupsCsvAsync(int id) => !await LoadAsync(id) ? NotFound() : await CsvAsync($"health-groups-{id}.csv",
        ["group", "title", "format", "host", "members", "health", "why", "last_meeting", "meetings", "expected", "missed", "goals_set", "goals_done", "mean_rating", "stopped_coming", "admin_told"],
        ShownGroups, (csv, g) =>
        {
            csv.WriteField(g.GroupId);
            csv.WriteField(RosterColumns.Neutralize(g.Title));
            csv.WriteField(g.Kind);
            csv.WriteField(RosterColumns.Neutralize(g.HostName));
            csv.WriteField(g.Members.Count);
            csv.WriteField(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(g.Health.ToString()));
            csv.WriteField(string.Join("; ", g.Reasons));
            csv.WriteField(g.LastMeeting?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(g.Meetings);
            csv.WriteField(g.ExpectedMeetings);
            csv.WriteField(g.MissedPeriods);
            csv.WriteField(g.GoalsSet);
            csv.WriteField(g.GoalsDone);
            csv.WriteField(g.MeanRating?.ToString("0.00", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(RosterColumns.Neutralize(string.Join("; ", g.StoppedComing)));
            csv.WriteField(g.AdminTold ? "yes" : "no");
        });

    /// <summary>A CSV file: the header, then one record per row.</summary>
    private async Task<FileContentResult> CsvAsync<T>(string name, string[] headers, IEnumerable<T> rows, Action<CsvWriter, T> write)
    {
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var header in headers)
            {
                csv.WriteField(header);
            }
            await csv.NextRecordAsync();
            foreach (var row in rows)
            {
                write(csv, row);
                await csv.NextRecordAsync();
            }
        }
        return File(System.Text.Encoding.UTF8.GetBytes(writer.ToString()), "text/csv", name);
    }

    /// <summary>Ends a pair that is not a good fit and takes the admin to matching with its mentee picked out.</summary>
    public async Task<IActionResult> OnPostRematchAsync(int id, int mentorshipId, string? reason)
    {
        var ct = HttpContext.RequestAborted;
        var outcome = await rematches.RematchAsync(id, mentorshipId, await current.IdAsync(ct), new RematchInput { Reason = reason }, ct);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }
        if (outcome.Value is not { } done)
        {
            ModelState.AddErrors(outcome, $"Rematch{mentorshipId}");
            await LoadAsync(id);
            return Page();
        }
        return Redirect(done.MatchingUrl);
    }

    public async Task<IActionResult> OnPostRuleAsync(int id)
    {
        var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (program is null)
        {
            return NotFound();
        }
        var checkedRule = MentorshipHealth.Check(Rule);
        if (!ModelState.IsValid || !checkedRule.Succeeded)
        {
            ModelState.AddErrors(checkedRule, nameof(Rule));
            var submitted = Rule;
            await LoadAsync(id);
            Rule = submitted;
            return Page();
        }
        program.Health = Rule;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        StatusMessage = "Health rule saved. Every pair is judged by it from now on.";
        return Redirect($"/Programs/{id}/Health");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        Program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (Program is null)
        {
            return false;
        }
        Rule = Program.Health;
        var pairs = await health.PairsAsync(id, ct);
        All = pairs.Select(HealthQueries.ToDto).ToList();
        Shown = All.Where(p => Filter is null || p.Health == Filter)
            .Where(p => !QuietOnly || p.MissedPeriods > 0 || p.IgnoredReminders.Count > 0)
            .Where(p => string.IsNullOrWhiteSpace(Search) || p.MentorName.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
                || p.MenteeName.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Health == RelationshipHealth.AtRisk).ThenByDescending(p => p.Health == RelationshipHealth.NeedsCheckIn)
            .ThenBy(p => p.MenteeName).ToList();
        AllGroups = (await health.GroupsAsync(id, ct)).Select(HealthQueries.ToDto).ToList();
        ShownGroups = AllGroups.Where(g => Filter is null || g.Health == Filter)
            .Where(g => !QuietOnly || g.MissedPeriods > 0 || g.StoppedComing.Count > 0)
            .Where(g => string.IsNullOrWhiteSpace(Search) || g.Title.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
                || g.HostName.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase) || g.Members.Any(m => m.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(g => g.Health == RelationshipHealth.AtRisk).ThenByDescending(g => g.Health == RelationshipHealth.NeedsCheckIn)
            .ThenBy(g => g.Title, StringComparer.Ordinal).ToList();

        // Check-ins per week (Monday to Sunday, in UTC) over the last eight weeks, against what the plans expect.
        var thisWeek = clock.TodayIn(DateTimeZone.Utc).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
        var from = thisWeek.PlusWeeks(-7);
        var ids = All.Select(p => p.MentorshipId).ToList();
        var days = await db.CheckIns.AsNoTracking().Where(c => c.MentorshipId != null && ids.Contains(c.MentorshipId.Value) && c.On >= from).Select(c => c.On).ToListAsync(ct);
        // A pair is expected to check in from the week after it started.
        int Expected(LocalDate week) => (int)Math.Round(pairs.Where(p => p.Facts.Started < week).Sum(p => 7.0 / MentorshipPlan.DaysOf(p.Facts.Cadence)));
        Weekly = new BarChart("checkins-per-week", "Check-ins per week against expected", "Expected (or logged, when more)", "Logged",
            Enumerable.Range(0, 8).Select(i => from.PlusWeeks(i))
                .Select(week => (week, logged: days.Count(d => d >= week && d < week.PlusWeeks(1))))
                .Select(w => new Bar($"Week of {Display.Date(w.week)}", Math.Max(Expected(w.week), w.logged), w.logged))
                .ToList());
        return true;
    }
}
