using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Shared;
using Mentoring.Infrastructure;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Matching;

/// <summary>A mentor the admin may give one mentee instead: eligible, with room left in this proposal.</summary>
public sealed record SwapOption(int MentorId, string Name, double Score, int RoomLeft, bool Current);

/// <summary>
/// The admin's matching workflow for one program: the settings in brief, "Run matching" (it runs in
/// the background and the page follows it), the proposal to review (lock, swap, run again keeping the
/// locked pairs, publish after a confirmation), and the program's mentorships with their declines.
/// </summary>
public sealed class IndexModel(MentoringDbContext db, MatchRunner runner, MatchingService matching, IClock clock) : PageModel
{
    /// <summary>The programs that have matching: mentoring and reverse mentoring.</summary>
    internal static readonly Expression<Func<MentoringProgram, bool>> WithMatching =
        p => p.Kind == ProgramKind.Mentoring || p.Kind == ProgramKind.ReverseMentoring;

    public MentoringProgram? Program { get; private set; }

    /// <summary>The newest run, whatever its state: it may be running or have failed.</summary>
    public MatchRun? Latest { get; private set; }

    /// <summary>The proposal under review, with its lines in the order the API lists them.</summary>
    public MatchRunDto? Review { get; private set; }

    public IReadOnlyDictionary<int, IReadOnlyList<SwapOption>> Options { get; private set; } = new Dictionary<int, IReadOnlyList<SwapOption>>();

    public BarChart? ByPriority { get; private set; }

    public int Waiting { get; private set; }

    public int MentorsWithRoom { get; private set; }

    public int PlacesLeft { get; private set; }

    public IReadOnlyList<MentorshipDto> Mentorships { get; private set; } = [];

    /// <summary>The admin asked to publish: the page asks them to confirm first.</summary>
    public bool ConfirmPublish { get; private set; }

    public bool Running => Latest?.Status == MatchRunStatus.Running;

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    /// <summary>The proposal's lines shown on this page, and how many the filter keeps.</summary>
    public ProposalPage? Lines { get; private set; }

    /// <summary>Counts over the whole proposal, whatever the filter.</summary>
    public ProposalSummary? Summary { get; private set; }

    /// <summary>The filter, order and page, from the query string (and kept by the review forms).</summary>
    public ProposalQuery Query { get; private set; } = new();

    /// <summary>How many mentors a line's swap list offers: the best fits with room; the API lists them all.</summary>
    public const int SwapChoices = 10;

    /// <summary>The mentee being rematched (from the health page's Rematch): the page picks out their line.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Mentee { get; set; }

    public string? MenteeName { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool confirm = false, string? fit = null, string? flag = null, int? office = null,
        string? sort = null, [FromQuery(Name = "p")] int page = 1)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Program = await db.Programs.AsNoTracking().Where(WithMatching).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Program is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Query = new ProposalQuery { Fit = fit, Flag = flag, Office = office, Mentee = Mentee, Sort = sort, Page = page }.Lenient();
        Latest = await db.MatchRuns.AsNoTracking().Where(r => r.ProgramId == id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var run = await db.MatchRuns.AsNoTracking().Where(r => r.ProgramId == id && r.Status == MatchRunStatus.Proposed)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        // While a run computes, the proposal it will replace is not offered for changes.
        if (run is not null && !Running)
        {
            var (summary, lines) = await ProposalReview.ReadAsync(db, id, run.Id, Query, cancellationToken);
            Summary = summary;
            Lines = lines;
            Review = MatchRunDto.From(run, withProposals: false) with { Proposals = lines.Lines.Select(MatchRunDto.ProposalDtoFrom).ToList() };
            ConfirmPublish = confirm;
            Options = (await matching.AlternativesAsync(run.Id, lines.Lines, SwapChoices, cancellationToken)).ToDictionary(
                line => line.Key,
                line => SwapOptions(lines.Lines.Single(p => p.Id == line.Key), line.Value));
            ByPriority = PriorityChart(summary.ByPriority);
        }

        (Waiting, MentorsWithRoom, PlacesLeft) = await MatchingInput.WaitingAsync(db, id, clock.GetCurrentInstant(), cancellationToken);
        Mentorships = await MatchingQueries.MentorshipsOfAsync(db, id, cancellationToken);
        if (Mentee is { } menteeId)
        {
            MenteeName = await db.Enrollments.Where(e => e.ProgramId == id && e.PersonId == menteeId).Select(e => e.Person!.Name).FirstOrDefaultAsync(cancellationToken);
        }
        return Page();
    }

    /// <summary>The address of this page with the filter, order and page kept, and some of them changed.</summary>
    public string QueryString(string? fit = "", string? flag = "", int? office = -1, string? sort = "", int page = 0)
    {
        var values = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("fit", fit == "" ? Query.Fit : fit);
        Add("flag", flag == "" ? Query.Flag : flag);
        Add("office", (office == -1 ? Query.Office : office)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("sort", sort == "" ? Query.Sort : sort);
        var p = page == 0 ? Query.Page : page;
        Add("p", p > 1 ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return values.Count == 0 ? "" : "?" + string.Join("&", values);
    }

    public async Task<IActionResult> OnPostRunAsync(int id)
    {
        if (!await db.Programs.Where(WithMatching).AnyAsync(p => p.Id == id, HttpContext.RequestAborted))
        {
            return RedirectToPage(new { id });
        }
        var started = await runner.StartAsync(id, User.Identity?.Name ?? "admin", HttpContext.RequestAborted);
        if (!started.Succeeded)
        {
            ErrorMessage = PageValidation.Sentence(started.Errors[0].Message);
        }
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostLockAsync(int id, int runId, int proposalId, bool locked, ProposalQuery back) =>
        ChangeAsync(id, runId, proposalId, back, () => matching.LockAsync(runId, proposalId, locked, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostSwapAsync(int id, int runId, int proposalId, int? mentorId, ProposalQuery back) =>
        ChangeAsync(id, runId, proposalId, back, () => matching.SwapAsync(runId, proposalId, mentorId, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostPublishAsync(int id, int runId)
    {
        if (!await OfProgramAsync(id, runId))
        {
            return RedirectToPage(new { id });
        }
        var published = await matching.PublishAsync(runId, HttpContext.RequestAborted);
        if (published.Succeeded)
        {
            StatusMessage = $"The proposal is published: {Display.Count(published.Value, "mentorship", "mentorships")} created. "
                + "Mentors and mentees now see their match, and why, on My mentoring.";
        }
        else
        {
            ErrorMessage = PageValidation.Sentence(published.Errors[0].Message);
        }
        return RedirectToPage(null, null, new { id }, "mentorships-heading");
    }

    private async Task<IActionResult> ChangeAsync(int id, int runId, int proposalId, ProposalQuery back, Func<Task<Outcome<MatchProposal>>> change)
    {
        if (await OfProgramAsync(id, runId))
        {
            if (await change() is { Succeeded: false } refused)
            {
                ErrorMessage = PageValidation.Sentence(refused.Errors[0].Message);
            }
        }
        // Back to the line that changed, on the same page of the same filter, so a long proposal keeps its place.
        var kept = back.Lenient();
        return RedirectToPage(null, null, new { id, fit = kept.Fit, flag = kept.Flag, office = kept.Office, sort = kept.Sort, p = kept.Page > 1 ? kept.Page : (int?)null },
            $"line-{proposalId}");
    }

    private Task<bool> OfProgramAsync(int id, int runId) =>
        db.MatchRuns.AnyAsync(r => r.Id == runId && r.ProgramId == id, HttpContext.RequestAborted);

    /// <summary>Eligible mentors with room left once this line's own place is counted back, best fit first.</summary>
    private static IReadOnlyList<SwapOption> SwapOptions(MatchProposal line, List<(MentorSeat Seat, double Score, int Proposed)> alternatives) =>
        alternatives
            .Select(a =>
            {
                var current = a.Seat.Profile.PersonId == line.MentorId;
                return new SwapOption(a.Seat.Profile.PersonId, a.Seat.Profile.Name, a.Score,
                    a.Seat.FreeCapacity - a.Proposed + (current ? 1 : 0), current);
            })
            .Where(o => o.Current || o.RoomLeft > 0)
            .ToList();

    /// <summary>Mentees per priority band, and how many of them the proposal matches, over the whole proposal.</summary>
    private static BarChart PriorityChart(IReadOnlyList<PriorityCount> counts)
    {
        (string Label, int From, int To)[] bands = [("7–9 points", 7, 9), ("4–6 points", 4, 6), ("1–3 points", 1, 3), ("0 points", 0, 0)];
        return new BarChart("by-priority", "Mentees by priority, and how many the proposal matches", "Mentees", "Matched",
            bands.Select(b =>
            {
                var inBand = counts.Where(c => c.Priority >= b.From && c.Priority <= b.To).ToList();
                return new Bar(b.Label, inBand.Sum(c => c.Lines), inBand.Sum(c => c.Matched));
            }).ToList());
    }
}
