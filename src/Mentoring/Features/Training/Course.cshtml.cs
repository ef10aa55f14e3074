using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Training;

/// <summary>A course: its modules in order, each marked done or not for the reader.</summary>
public sealed class CourseModel(TrainingService training, CurrentPerson current) : PageModel
{
    public CourseDto? Course { get; private set; }

    public bool IsAdmin => User.IsInRole(Domain.Roles.Admin);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Course = await training.GetCourseAsync(id, await current.IdAsync(HttpContext.RequestAborted), HttpContext.RequestAborted);
        if (Course is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }
}
