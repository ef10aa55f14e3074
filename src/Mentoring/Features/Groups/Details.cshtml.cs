using System.ComponentModel.DataAnnotations;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Mentoring.Features.Groups;

/// <summary>
/// One group, for its host, its members and admins only (anyone else finds nothing, as in the API).
/// The host and admins see the check-in plan with every member's goal; a member sees who is in the
/// group and sets their own goal or asks for a check-in.
/// </summary>
public sealed class DetailsModel(MentoringDbContext db, CurrentPerson current, GroupMembers members) : PageModel
{
    public GroupActivity? Group { get; private set; }

    /// <summary>The check-in plan, for the host and admins.</summary>
    public IReadOnlyList<(LocalTime At, IReadOnlyList<GroupMember> Members)>? Plan { get; private set; }

    /// <summary>The caller's own place in the group, when they are a member.</summary>
    public GroupMember? Me { get; private set; }

    public bool IsAdmin => current.IsAdmin;

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var personId = await current.IdAsync(HttpContext.RequestAborted);
        Group = await GroupQueries.VisibleAsync(db, id, personId, IsAdmin, HttpContext.RequestAborted);
        if (Group is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (GroupQueries.MaySeePlan(Group, personId, IsAdmin))
        {
            Plan = GroupsService.CheckInPlan(Group);
        }
        Me = Group.Members.SingleOrDefault(m => m.PersonId == personId);
        return Page();
    }

    public async Task<IActionResult> OnPostGoalAsync(int id, string? goal)
    {
        var input = new GoalInput { Goal = goal ?? "" };
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), errors, validateAllProperties: true))
        {
            ErrorMessage = errors[0].ErrorMessage;
        }
        else if ((await members.SetGoalAsync(id, await current.IdAsync(HttpContext.RequestAborted), input.Goal, HttpContext.RequestAborted)).Succeeded)
        {
            StatusMessage = "Your goal for the session is saved: your host sees it in their plan.";
        }
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCheckInAsync(int id)
    {
        if ((await members.AskCheckInAsync(id, await current.IdAsync(HttpContext.RequestAborted), HttpContext.RequestAborted)).Succeeded)
        {
            StatusMessage = "Your host will check in with you first.";
        }
        return RedirectToPage(new { id });
    }
}
