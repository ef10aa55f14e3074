using System.ComponentModel.DataAnnotations;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.Offices;

/// <summary>A row of the rooms table: blank rows are ignored, ticked rows are removed.</summary>
public sealed class RoomRow
{
    public string? Name { get; set; }

    public int? Capacity { get; set; }

    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && Capacity is null;
}

/// <summary>
/// Add or change an office and its rooms, through the API's checks
/// (<see cref="OfficesService.SaveAsync"/>) and its <see cref="RoomInput"/> rules.
/// </summary>
public sealed class EditModel(MentoringDbContext db, OfficesService offices) : PageModel
{
    private const int BlankRows = 2;

    private static readonly IReadOnlyDictionary<string, string> FieldKeys = new Dictionary<string, string>
    {
        ["rooms"] = nameof(Rooms),
    };

    [BindProperty]
    public OfficeInput Input { get; set; } = new();

    [BindProperty]
    public List<RoomRow> Rooms { get; set; } = [];

    public int? Id { get; private set; }

    public IEnumerable<string> TimeZones => DateTimeZoneProviders.Tzdb.Ids;

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            var office = await db.Offices.AsNoTracking().Include(o => o.Rooms).SingleOrDefaultAsync(o => o.Id == existing, HttpContext.RequestAborted);
            if (office is null)
            {
                return Gone();
            }
            Id = office.Id;
            Input = new OfficeInput { Name = office.Name, TimeZone = office.TimeZone };
            Rooms = office.Rooms.OrderBy(r => r.Name).Select(r => new RoomRow { Name = r.Name, Capacity = r.Capacity }).ToList();
        }
        AddBlankRows(BlankRows);
        return Page();
    }

    /// <summary>More empty room rows, keeping what was typed (no scripts needed).</summary>
    public IActionResult OnPostAddRooms(int? id)
    {
        Id = id;
        ModelState.Clear();
        Rooms.RemoveAll(r => r.IsBlank);
        AddBlankRows(BlankRows + 2);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (id is { } existing)
        {
            if (!await db.Offices.AnyAsync(o => o.Id == existing, cancellationToken))
            {
                return Gone();
            }
            Id = existing;
        }

        var rooms = new List<RoomInput>();
        for (var i = 0; i < Rooms.Count; i++)
        {
            var row = Rooms[i];
            if (row.Remove || row.IsBlank)
            {
                continue;
            }
            if (row.Capacity is null)
            {
                ModelState.AddModelError($"{nameof(Rooms)}[{i}].{nameof(RoomRow.Capacity)}", "Enter how many people the room seats.");
            }
            var room = new RoomInput { Name = row.Name?.Trim() ?? "", Capacity = row.Capacity ?? 1 };
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(room, new ValidationContext(room), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    foreach (var member in result.MemberNames)
                    {
                        ModelState.AddModelError($"{nameof(Rooms)}[{i}].{member}", result.ErrorMessage ?? "Check this value.");
                    }
                }
            }
            rooms.Add(room);
        }

        if (ModelState.IsValid)
        {
            var saved = await offices.SaveAsync(id, Input with { Rooms = rooms }, cancellationToken);
            if (saved.Value is { } office)
            {
                TempData["StatusMessage"] = $"{office.Name} is saved.";
                return RedirectToPage("Index");
            }
            ModelState.AddErrors(saved, nameof(Input), FieldKeys);
        }
        // Errors are keyed by row, so only the empty rows at the end make way for fresh ones.
        while (Rooms.Count > 0 && Rooms[^1].IsBlank)
        {
            Rooms.RemoveAt(Rooms.Count - 1);
        }
        AddBlankRows(BlankRows);
        return Page();
    }

    /// <summary>A stale link: back to the list, which says so.</summary>
    private RedirectToPageResult Gone()
    {
        TempData["StatusMessage"] = "That office no longer exists.";
        return RedirectToPage("Index");
    }

    private void AddBlankRows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Rooms.Add(new RoomRow());
        }
    }
}
