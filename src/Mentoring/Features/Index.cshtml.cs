using System.Globalization;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Dashboard;
using Mentoring.Features.Enrollments;
using Mentoring.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features;

/// <summary>
/// The dashboard. Admins and sponsors see the organisation: who is reached, and above all the
/// juniors (levels 1–2) not yet in any active program, the people who need mentoring most.
/// Everyone linked to a person sees their own enrollments. The organisation's figures are kept for a short while
/// (<see cref="OrganisationFiguresKeeper"/>); a person's own enrollments and applications are read on each request.
/// </summary>
public sealed class IndexModel(
    MentoringDbContext db, UserManager<UserAccount> users, Applications.ApplicationsService applications, OrganisationFiguresKeeper figures)
    : PageModel
{
    public string DisplayName { get; private set; } = "";

    public OrganisationFigures? Figures { get; private set; }

    /// <summary>When the figures were counted, and how long they are kept.</summary>
    public CountedFigures? Counted { get; private set; }

    public BarChart? ByLevel { get; private set; }

    public BarChart? ByOffice { get; private set; }

    public IReadOnlyList<ProgramHeadcount> ActivePrograms { get; private set; } = [];

    /// <summary>For admins: the programs (draft or active) the juniors not reached can be enrolled in.</summary>
    public IReadOnlyList<(int Id, string Name)> EnrollablePrograms { get; private set; } = [];

    public bool LinkedToPerson { get; private set; }

    public IReadOnlyList<Enrollment> MyEnrollments { get; private set; } = [];

    /// <summary>Programs taking applications, with where the person's application stands.</summary>
    public IReadOnlyList<Applications.OpenProgramDto> OpenPrograms { get; private set; } = [];

    /// <summary>The person's applications to programs no longer taking them, still waiting or decided.</summary>
    public IReadOnlyList<Applications.ApplicationDto> OtherApplications { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        // The sign-in check has read the account's name and person on this request; without it, Identity reads the account.
        string? displayName = null;
        int? linkedTo = null;
        if (HttpContext.Features.Get<Infrastructure.SignedInAccount>() is { DisplayName: { } name } signedIn && signedIn.AccountId == users.GetUserId(User))
        {
            (displayName, linkedTo) = (name, signedIn.PersonId);
        }
        else if (await users.GetUserAsync(User) is { } account)
        {
            (displayName, linkedTo) = (account.DisplayName, account.PersonId);
        }
        DisplayName = displayName is { Length: > 0 } ? displayName : User.Identity?.Name ?? "";
        if (linkedTo is { } personId)
        {
            LinkedToPerson = true;
            MyEnrollments = await db.Enrollments.AsNoTracking().Include(e => e.Program)
                .Where(e => e.PersonId == personId)
                .OrderBy(e => e.Program!.Name)
                .ToListAsync(cancellationToken);
            // The person's applications, read once for both lists.
            var mine = await applications.MineAsync(personId, cancellationToken);
            OpenPrograms = await applications.OpenAsync(mine, cancellationToken);
            OtherApplications = mine
                .Where(a => a.Status != Applications.ApplicationStatus.Withdrawn && OpenPrograms.All(o => o.ProgramId != a.ProgramId)).ToList();
        }
        if (User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Sponsor))
        {
            await LoadOrganisationAsync(cancellationToken);
        }
    }

    private async Task LoadOrganisationAsync(CancellationToken cancellationToken)
    {
        Counted = await figures.GetAsync(cancellationToken);
        var count = Counted.Count;
        Figures = count.Figures;
        ByLevel = count.ByLevel;
        ByOffice = count.ByOffice;
        ActivePrograms = count.ActivePrograms;
        if (User.IsInRole(Roles.Admin))
        {
            EnrollablePrograms = count.EnrollablePrograms;
        }
    }

    /// <summary>"Counted at 22:14 UTC; the figures refresh every 30 seconds, so a change can take up to 30 seconds to show."</summary>
    public static string CountedLine(CountedFigures counted)
    {
        // In UTC, said so, as the app writes moments whose reader's zone it does not know (Display.Moment).
        var at = $"Counted at {counted.CountedAt.InUtc().ToString("HH:mm", CultureInfo.InvariantCulture)} UTC";
        var seconds = (int)counted.KeptFor.TotalSeconds;
        if (seconds == 0)
        {
            return at + ".";
        }
        var every = seconds % 60 == 0
            ? seconds == 60 ? "minute" : $"{seconds / 60} minutes"
            : seconds == 1 ? "second" : $"{seconds} seconds";
        var upTo = seconds == 60 ? "a minute" : seconds == 1 ? "a second" : every;
        return $"{at}; the figures refresh every {every}, so a change can take up to {upTo} to show.";
    }
}
