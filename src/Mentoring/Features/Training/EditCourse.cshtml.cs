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
        }
        return Page();
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
            }
            ModelState.AddErrors(saved, nameof(Input));
            return Page();
        }
        StatusMessage = $"“{saved.Value!.Title}” is saved.";
        return Redirect($"/Training/Manage/Courses/{saved.Value.Id}");
    }
}
