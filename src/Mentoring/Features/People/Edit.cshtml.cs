using System.ComponentModel.DataAnnotations;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Features.People;

/// <summary>
/// Add or change a person by hand. The form posts the API's <see cref="PersonInput"/> and goes
/// through the same checks (<see cref="PeopleService.SaveAsync"/>); lists are typed as text and the
/// manager is named by employee id, as HR knows them.
/// </summary>
public sealed class EditModel(MentoringDbContext db, PeopleService people) : PageModel
{
    private static readonly IReadOnlyDictionary<string, string> FieldKeys = new Dictionary<string, string>
    {
        ["managerId"] = nameof(ManagerExternalId),
    };

    [BindProperty]
    public PersonInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "Manager's employee id")]
    [StringLength(64)]
    public string? ManagerExternalId { get; set; }

    [BindProperty]
    public string? Interests { get; set; }

    [BindProperty]
    public string? Skills { get; set; }

    [BindProperty]
    public string? Values { get; set; }

    public int? Id { get; private set; }

    public string? ManagerName { get; private set; }

    public IReadOnlyList<string> Departments { get; private set; } = [];

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public IEnumerable<string> TimeZones => DateTimeZoneProviders.Tzdb.Ids;

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            var person = await db.People.AsNoTracking().Include(p => p.Manager).SingleOrDefaultAsync(p => p.Id == existing, HttpContext.RequestAborted);
            if (person is null)
            {
                return RedirectToPage("Details", new { id = existing });
            }
            Id = person.Id;
            Input = new PersonInput
            {
                ExternalId = person.ExternalId,
                Name = person.Name,
                Email = person.Email,
                Department = person.Department,
                JobTitle = person.JobTitle,
                Level = person.Level,
                OfficeId = person.OfficeId,
                TimeZone = person.TimeZone,
                HireDate = person.HireDate?.ToDateOnly(),
                Active = person.Active,
            };
            ManagerExternalId = person.Manager?.ExternalId;
            ManagerName = person.Manager?.Name;
            Interests = string.Join("; ", person.Interests);
            Skills = string.Join("; ", person.Skills);
            Values = string.Join("; ", person.Values);
        }
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (id is { } existing)
        {
            if (!await db.People.AnyAsync(p => p.Id == existing, cancellationToken))
            {
                return RedirectToPage("Details", new { id = existing });
            }
            Id = existing;
        }

        int? managerId = null;
        if (!string.IsNullOrWhiteSpace(ManagerExternalId))
        {
            var manager = await db.People.AsNoTracking().Where(p => p.ExternalId == ManagerExternalId.Trim())
                .Select(p => new { p.Id, p.Name }).SingleOrDefaultAsync(cancellationToken);
            if (manager is null)
            {
                ModelState.AddModelError(nameof(ManagerExternalId), $"No one on the roster has the employee id \"{ManagerExternalId.Trim()}\".");
            }
            else
            {
                managerId = manager.Id;
                ManagerName = manager.Name;
            }
        }
        if (ModelState.IsValid)
        {
            var input = Input with
            {
                ManagerId = managerId,
                Interests = Split(Interests),
                Skills = Split(Skills),
                Values = Split(Values),
            };
            var saved = await people.SaveAsync(id, input, cancellationToken);
            if (saved.Value is { } person)
            {
                TempData["StatusMessage"] = id is null ? $"{person.Name} is added to the roster." : "Changes saved.";
                return RedirectToPage("Details", new { id = person.Id });
            }
            ModelState.AddErrors(saved, nameof(Input), FieldKeys);
        }
        await LoadChoicesAsync();
        return Page();
    }

    private async Task LoadChoicesAsync()
    {
        Departments = await PeopleQueries.DepartmentsAsync(db, HttpContext.RequestAborted);
        Offices = await db.Offices.AsNoTracking().OrderBy(o => o.Name).ToListAsync(HttpContext.RequestAborted);
    }

    private static List<string> Split(string? text) => string.IsNullOrWhiteSpace(text) ? [] : RosterImporter.SplitList(text);
}
