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

    /// <summary>The mentee being rematched (from the health page's Rematch): the page picks out their line.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Mentee { get; set; }

    public string? MenteeName { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool confirm = false)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Program = await db.Programs.AsNoTracking().Where(WithMatching).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Program is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Latest = await db.MatchRuns.AsNoTracking().Where(r => r.ProgramId == id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var reviewId = await db.MatchRuns.Where(r => r.ProgramId == id && r.Status == MatchRunStatus.Proposed)
            .OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        // While a run computes, the proposal it will replace is not offered for changes.
        if (reviewId is { } runId && !Running && await MatchingQueries.LoadRunAsync(db, runId, cancellationToken) is { } run)
        {
            Review = MatchRunDto.From(run, withProposals: true);
            ConfirmPublish = confirm;
            Options = (await matching.AlternativesAsync(runId, cancellationToken)).ToDictionary(
                line => line.Key,
                line => SwapOptions(run.Proposals.Single(p => p.Id == line.Key), line.Value));
            ByPriority = PriorityChart(Review.Proposals!);
        }

        var input = await MatchingInput.LoadAsync(db, id, clock.GetCurrentInstant(), cancellationToken);
        Waiting = input!.Mentees.Count;
        MentorsWithRoom = input.Mentors.Count(m => m.FreeCapacity > 0);
        PlacesLeft = input.Mentors.Sum(m => m.FreeCapacity);

        Mentorships = await MatchingQueries.MentorshipsOfAsync(db, id, cancellationToken);
        if (Mentee is { } menteeId)
        {
            MenteeName = await db.Enrollments.Where(e => e.ProgramId == id && e.PersonId == menteeId).Select(e => e.Person!.Name).FirstOrDefaultAsync(cancellationToken);
        }
        return Page();
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

    public Task<IActionResult> OnPostLockAsync(int id, int runId, int proposalId, bool locked) =>
        ChangeAsync(id, runId, proposalId, () => matching.LockAsync(runId, proposalId, locked, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostSwapAsync(int id, int runId, int proposalId, int? mentorId) =>
        ChangeAsync(id, runId, proposalId, () => matching.SwapAsync(runId, proposalId, mentorId, HttpContext.RequestAborted));

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

    private async Task<IActionResult> ChangeAsync(int id, int runId, int proposalId, Func<Task<Outcome<MatchProposal>>> change)
    {
        if (await OfProgramAsync(id, runId))
        {
            if (await change() is { Succeeded: false } refused)
            {
                ErrorMessage = PageValidation.Sentence(refused.Errors[0].Message);
            }
        }
        // Back to the line that changed, so a long proposal keeps its place.
        return RedirectToPage(null, null, new { id }, $"line-{proposalId}");
    }

    private Task<bool> OfProgramAsync(int id, int runId) =>
        db.MatchRuns.AnyAsync(r => r.Id == runId && r.ProgramId == id, HttpContext.RequestAborted);

    /// <summary>Eligible mentors with room left once this line's own place is counted back, best fit first.</summary>
    private static IReadOnlyList<SwapOption> SwapOptions(MatchProposal line, List<(MentorSeat Seat, PairScore Score, int Proposed)> alternatives) =>
        alternatives
            .Select(a =>
            {
                var current = a.Seat.Profile.PersonId == line.MentorId;
                return new SwapOption(a.Seat.Profile.PersonId, a.Seat.Profile.Name, a.Score.Score,
                    a.Seat.FreeCapacity - a.Proposed + (current ? 1 : 0), current);
            })
            .Where(o => o.Current || o.RoomLeft > 0)
            .ToList();

    /// <summary>Mentees per priority band, and how many of them the proposal matches.</summary>
    private static BarChart PriorityChart(IReadOnlyList<ProposalDto> lines)
    {
        (string Label, int From, int To)[] bands = [("7–9 points", 7, 9), ("4–6 points", 4, 6), ("1–3 points", 1, 3), ("0 points", 0, 0)];
        return new BarChart("by-priority", "Mentees by priority, and how many the proposal matches", "Mentees", "Matched",
            bands.Select(b =>
            {
                var inBand = lines.Where(l => l.Priority >= b.From && l.Priority <= b.To).ToList();
                return new Bar(b.Label, inBand.Count, inBand.Count(l => l.Mentor is not null));
            }).ToList());
    }
}
