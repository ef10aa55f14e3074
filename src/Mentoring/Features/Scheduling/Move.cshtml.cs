using System.ComponentModel.DataAnnotations;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Scheduling;

/// <summary>
/// A session's page for its host or an admin: move it to another day, time, length and room. The
/// rules are <see cref="SessionMoves"/>'; everyone gets the update by e-mail and in their calendar.
/// </summary>
public sealed class MoveModel(MentoringDbContext db, SessionMoves moves, CurrentPerson current) : PageModel
{
    public ScheduledSession? Session { get; private set; }

    /// <summary>The rooms of the host's office, for an in-person session.</summary>
    public IReadOnlyList<Room> Rooms { get; private set; } = [];

    [BindProperty]
    public MoveForm Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(Session!.TimeZone) ?? DateTimeZone.Utc;
        var start = Session.Start.InZone(zone);
        Input = new MoveForm
        {
            Date = start.Date.ToDateOnly(), Time = start.TimeOfDay.ToTimeOnly(),
            DurationMinutes = (int)(Session.End - Session.Start).TotalMinutes, RoomId = Session.RoomId,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var start = $"{Input.Date:yyyy-MM-dd}T{Input.Time:HH\\:mm}";
        var outcome = await moves.MoveAsync(id, await current.IdAsync(HttpContext.RequestAborted), current.IsAdmin,
            new MoveSessionInput(start, Input.DurationMinutes, Input.RoomId), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome, "Input", new Dictionary<string, string> { ["start"] = "Input.Date", ["sessionId"] = "" });
            return Page();
        }
        Message = "Moved. Everyone invited has an update in their calendar and answers the new time.";
        return RedirectToPage(new { id });
    }

    /// <summary>The session when the caller may move it: its host, or an admin.</summary>
    private async Task<bool> LoadAsync(int id)
    {
        var personId = await current.IdAsync(HttpContext.RequestAborted);
        Session = await SessionQueries.Query(db).SingleOrDefaultAsync(s => s.Id == id, HttpContext.RequestAborted);
        if (Session is null || (!current.IsAdmin && Session.HostId != personId))
        {
            return false;
        }
        var officeId = Session.Host?.OfficeId;
        Rooms = Session.InPerson && officeId is not null
            ? await db.Rooms.AsNoTracking().Where(r => r.OfficeId == officeId).OrderBy(r => r.Name).ToListAsync(HttpContext.RequestAborted)
            : [];
        return true;
    }

    public sealed class MoveForm
    {
        [Required(ErrorMessage = "Choose the new day.")]
        [Display(Name = "Day")]
        public DateOnly? Date { get; set; }

        [Required(ErrorMessage = "Choose the new start time.")]
        [Display(Name = "Starts at")]
        public TimeOnly? Time { get; set; }

        [Range(SessionMoves.MinMinutes, SessionMoves.MaxMinutes, ErrorMessage = "A session lasts 15 to 480 minutes.")]
        [Display(Name = "Length in minutes")]
        public int DurationMinutes { get; set; } = 60;

        [Display(Name = "Room")]
        public int? RoomId { get; set; }
    }
}
