using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Training;

public sealed class CourseForm
{
    public string? Title { get; set; }

    public string? Summary { get; set; }

    public string Audience { get; set; } = "mentor";
}

/// <summary>Add or edit a course through the library's rules (<see cref="TrainingService.SaveCourseAsync"/>); its modules are listed to edit.</summary>
public sealed class EditCourseModel(TrainingService training) : PageModel
{
    [BindProperty]
    public CourseForm Input { get; set; } = new();

    public int? Id { get; private set; }

    public CourseDto? Course { get; private set; }

    /// <summary>What deleting the course takes with it (an existing course only).</summary>
    public DeleteSection? Deletion { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public static string AudienceValue(TrainingAudience audience) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(audience.ToString());

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            Course = await training.GetCourseAsync(existing, null, HttpContext.RequestAborted);
            if (Course is null)
            {
                return NotFound();
            }
            Id = existing;
            Input = new CourseForm { Title = Course.Title, Summary = Course.Summary, Audience = AudienceValue(Course.Audience) };
            await LoadDeletionAsync(existing, null);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm)
    {
        var outcome = confirm ? await training.DeleteCourseAsync(id, HttpContext.RequestAborted)
            : Outcome.Invalid("confirm", "Tick the box to confirm the deletion.");
        if (outcome.IsNotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            var page = await OnGetAsync(id);
            Deletion = Deletion is null ? null : Deletion with { Refusal = outcome.Errors[0].Message };
            return page;
        }
        StatusMessage = "The course is deleted.";
        return Redirect("/Training/Manage");
    }

    private async Task LoadDeletionAsync(int id, string? refusal)
    {
        if (await training.DeletionCostAsync(id, null, HttpContext.RequestAborted) is { } cost)
        {
            var blocker = cost.Blocker(Input.Title ?? "The course");
            Deletion = new DeleteSection("course", cost.Describe(course: true), refusal ?? blocker, Allowed: blocker is null);
        }
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        var saved = await training.SaveCourseAsync(id, new CourseInput(Input.Title, Input.Summary, Input.Audience), HttpContext.RequestAborted);
        if (saved.IsNotFound)
        {
            return NotFound();
        }
        if (!saved.Succeeded)
        {
            if (id is { } existing)
            {
                Course = await training.GetCourseAsync(existing, null, HttpContext.RequestAborted);
                await LoadDeletionAsync(existing, null);
            }
            ModelState.AddErrors(saved, nameof(Input));
            return Page();
        }
        StatusMessage = $"“{saved.Value!.Title}” is saved.";
        return Redirect($"/Training/Manage/Courses/{saved.Value.Id}");
    }
}
