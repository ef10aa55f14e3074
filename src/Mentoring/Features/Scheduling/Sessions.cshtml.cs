using System.Text;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Calendar;
using Mentoring.Features.Matching;
using Mentoring.Features.Shared;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Scheduling;

/// <summary>
/// My sessions: answer the upcoming ones, declare my office days for the next four weeks, and
/// subscribe to my calendar. Only the signed-in person's own sessions are read or answered.
/// </summary>
public sealed class SessionsModel(
    MentoringDbContext db, SchedulingService scheduling, CalendarLinks links, CurrentPerson currentPerson, IClock clock) : PageModel
{
    /// <summary>Office days are declared this many weeks ahead.</summary>
    public const int PresenceWeeks = 4;

    public Person? Me { get; private set; }

    public IReadOnlyList<ScheduledSession> Upcoming { get; private set; } = [];

    [BindProperty]
    public List<PresenceChoice> Days { get; set; } = [];

    public string? CalendarUrl { get; private set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Problem { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRespondAsync(int id, AttendeeResponse response)
    {
        if (await PersonIdAsync() is not { } personId)
        {
            return RedirectToPage();
        }
        var responded = await scheduling.RespondAsync(id, personId, response, HttpContext.RequestAborted);
        if (responded.Value is { } session)
        {
            Message = response switch
            {
                AttendeeResponse.Accepted when session.Status == SessionStatus.Accepted => "You accepted. Everyone has accepted, so the session stays where it is.",
                AttendeeResponse.Accepted => "You accepted. The session is confirmed once every attendee accepts.",
                AttendeeResponse.Declined => "You declined. The admin's next plan will find another time.",
                _ => "You asked for another time. The admin's next plan will propose one.",
            };
        }
        else
        {
            Problem = Display.Sentence(responded.Errors[0].Message) + ".";
        }
        return RedirectToPage(null, null, "sessions-heading");
    }

    public async Task<IActionResult> OnPostPresenceAsync()
    {
        if (await PersonIdAsync() is not { } personId)
        {
            return RedirectToPage();
        }
        var current = await DeclaredAsync(personId);
        var (first, last) = PresencePeriod(await ZoneAsync(personId));
        var changed = 0;
        foreach (var day in Days.Where(d => d.Date >= first.ToDateOnly() && d.Date <= last.ToDateOnly()))
        {
            var date = LocalDate.FromDateOnly(day.Date);
            if (current.GetValueOrDefault(date) != day.Kind)
            {
                await scheduling.SetPresenceAsync(personId, date, day.Kind, HttpContext.RequestAborted);
                changed++;
            }
        }
        Message = changed == 0 ? "Your office days are unchanged." : $"Saved {Display.Count(changed, "day", "days")}. The next plan uses them.";
        return RedirectToPage(null, null, "presence-heading");
    }

    public async Task<IActionResult> OnPostCalendarAsync()
    {
        if (await PersonIdAsync() is { } personId)
        {
            var had = await links.TokenAsync(personId, HttpContext.RequestAborted) is not null;
            await links.RenewAsync(personId, HttpContext.RequestAborted);
            Message = had ? "A new calendar link is ready; the old one no longer works." : "Your calendar link is ready.";
        }
        return RedirectToPage(null, null, "calendar-heading");
    }

    public async Task<IActionResult> OnPostRevokeCalendarAsync()
    {
        if (await PersonIdAsync() is { } personId)
        {
            await links.RevokeAsync(personId, HttpContext.RequestAborted);
            Message = "Your calendar link is revoked: calendars subscribed to it stop updating.";
        }
        return RedirectToPage(null, null, "calendar-heading");
    }

    /// <summary>My sessions as a one-off .ics download (the subscription keeps a calendar up to date instead).</summary>
    public async Task<IActionResult> OnGetIcsAsync()
    {
        if (await PersonIdAsync() is not { } personId)
        {
            return NotFound();
        }
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId, HttpContext.RequestAborted);
        var sessions = await SessionQueries.SessionsOfAsync(db, personId, HttpContext.RequestAborted);
        var ics = SessionCalendar.Write(sessions, $"Mentoring: {person.Name}", clock.GetCurrentInstant());
        return File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", "mentoring-sessions.ics");
    }

    /// <summary>The answer I gave, or none when I host the session (hosts are not asked).</summary>
    public AttendeeResponse? MyResponse(ScheduledSession session) =>
        session.Attendees.SingleOrDefault(a => a.PersonId == Me?.Id)?.Response;

    /// <summary>The session's hours in my own zone, when it differs from the host's.</summary>
    public string? MyHours(ScheduledSession session) =>
        Me?.EffectiveTimeZone is { } zone && zone != session.TimeZone ? Display.Hours(session.Start, session.End, zone) : null;

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (await PersonIdAsync() is not { } personId)
        {
            return;
        }
        Me = await db.People.AsNoTracking().Include(p => p.Office).SingleAsync(p => p.Id == personId, cancellationToken);
        var now = clock.GetCurrentInstant();
        Upcoming = (await SessionQueries.SessionsOfAsync(db, personId, cancellationToken, endingFrom: now))
            .Where(s => s.Status != SessionStatus.Cancelled).ToList();

        var declared = await DeclaredAsync(personId);
        var (first, last) = PresencePeriod(Me.EffectiveTimeZone);
        var policy = Me.Office?.OfficeDays ?? [];
        Days = Enumerable.Range(0, Period.Between(first, last, PeriodUnits.Days).Days + 1).Select(first.PlusDays)
            .Where(d => d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            .Select(d => new PresenceChoice { Date = d.ToDateOnly(), Kind = declared.GetValueOrDefault(d), PolicyDay = policy.Contains(d.DayOfWeek) })
            .ToList();

        var token = await links.TokenAsync(personId, cancellationToken);
        CalendarUrl = token is null ? null : CalendarLinks.FeedUrl(Request, token);
    }

    private async Task<Dictionary<LocalDate, PresenceKind?>> DeclaredAsync(int personId) =>
        await db.PresenceDays.AsNoTracking().Where(d => d.PersonId == personId)
            .ToDictionaryAsync(d => d.Date, d => (PresenceKind?)d.Kind, HttpContext.RequestAborted);

    private async Task<string?> ZoneAsync(int personId) =>
        (await db.People.AsNoTracking().Include(p => p.Office).SingleAsync(p => p.Id == personId, HttpContext.RequestAborted)).EffectiveTimeZone;

    /// <summary>Today and the four weeks after it, in my zone.</summary>
    private (LocalDate First, LocalDate Last) PresencePeriod(string? zoneId)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId ?? "") ?? DateTimeZone.Utc;
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        return (today, today.PlusWeeks(PresenceWeeks).PlusDays(-1));
    }

    private Task<int?> PersonIdAsync() => currentPerson.IdAsync(HttpContext.RequestAborted);

    public sealed class PresenceChoice
    {
        public DateOnly Date { get; set; }

        /// <summary>What I declared; none means my office's policy applies.</summary>
        public PresenceKind? Kind { get; set; }

        /// <summary>Whether my office's policy has me in on that weekday (shown, not posted back).</summary>
        public bool PolicyDay { get; set; }
    }
}
