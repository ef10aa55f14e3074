using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Training;

public sealed class ModuleForm
{
    public string? Title { get; set; }

    public string Kind { get; set; } = "article";

    public string? Body { get; set; }

    public string? VideoUrl { get; set; }

    public int? Minutes { get; set; }

    /// <summary>The discussion questions, one per line.</summary>
    public string? Questions { get; set; }

    public int? Order { get; set; }
}

/// <summary>Add or edit a module: an article in Markdown or a video (a link or an uploaded file), with its discussion questions.</summary>
public sealed class EditModuleModel(TrainingService training) : PageModel
{
    [BindProperty]
    public ModuleForm Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public int? Id { get; private set; }

    public int CourseId { get; private set; }

    public string CourseTitle { get; private set; } = "";

    public string? VideoFile { get; private set; }

    /// <summary>What deleting the module takes with it (an existing module only).</summary>
    public DeleteSection? Deletion { get; private set; }

    public long MaxVideoMegabytes => training.MaxVideoBytes / 1024 / 1024;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? courseId) => await LoadAsync(id, courseId, fill: true) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int? id, int? courseId)
    {
        if (!await LoadAsync(id, courseId, fill: false))
        {
            return NotFound();
        }
        var questions = (Input.Questions ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var input = new ModuleInput(Input.Title, Input.Kind, Input.Body, Input.VideoUrl, Input.Minutes, questions, Input.Order);
        // A new video module may come with its file instead of a link: it is saved as an article and
        // becomes a video with its file, in one change, so a refused file leaves no module behind.
        if (Upload is not null && Id is null && string.IsNullOrWhiteSpace(Input.VideoUrl))
        {
            input = input with { Kind = "article", Body = string.IsNullOrWhiteSpace(Input.Body) ? "Watch the video." : Input.Body };
        }
        int? newInCourse = Id is null ? CourseId : null;
        Outcome<TrainingModule> saved;
        if (Upload is null)
        {
            saved = await training.SaveModuleAsync(newInCourse, Id, input, HttpContext.RequestAborted);
        }
        else
        {
            await using var stream = Upload.OpenReadStream();
            saved = await training.SaveModuleWithVideoAsync(newInCourse, Id, input,
                new VideoUpload(Upload.FileName, Upload.ContentType, stream, Upload.Length), HttpContext.RequestAborted);
        }
        if (!saved.Succeeded)
        {
            ModelState.AddErrors(saved, nameof(Input), new Dictionary<string, string> { ["file"] = nameof(Upload) });
            return Page();
        }
        StatusMessage = $"“{saved.Value!.Title}” is saved.";
        return Redirect($"/Training/Manage/Courses/{CourseId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirm)
    {
        if (!confirm)
        {
            if (!await LoadAsync(id, null, fill: true))
            {
                return NotFound();
            }
            Deletion = Deletion! with { Refusal = "Tick the box to confirm the deletion." };
            return Page();
        }
        var deleted = await training.DeleteModuleAsync(id, HttpContext.RequestAborted);
        if (!deleted.Succeeded)
        {
            return NotFound();
        }
        StatusMessage = "The module is deleted.";
        return Redirect($"/Training/Manage/Courses/{deleted.Value}");
    }

    private async Task<bool> LoadAsync(int? id, int? courseId, bool fill)
    {
        if (id is { } existing)
        {
            if (await training.GetModuleAsync(existing, null, HttpContext.RequestAborted) is not { } view)
            {
                return false;
            }
            Id = existing;
            CourseId = view.Module.CourseId;
            CourseTitle = view.CourseTitle;
            VideoFile = view.Module.VideoFile;
            if (await training.DeletionCostAsync(null, existing, HttpContext.RequestAborted) is { } cost)
            {
                Deletion = new DeleteSection("module", cost.Describe(course: false), null);
            }
            if (fill)
            {
                var m = view.Module;
                Input = new ModuleForm
                {
                    Title = m.Title, Kind = m.Kind.ToString().ToLowerInvariant(), Body = m.Body, VideoUrl = m.VideoUrl, Minutes = m.Minutes,
                    Questions = string.Join("\n", m.Questions.Select(q => q.Text)), Order = m.Order,
                };
            }
            return true;
        }
        if (courseId is { } course && await training.GetCourseAsync(course, null, HttpContext.RequestAborted) is { } c)
        {
            CourseId = c.Id;
            CourseTitle = c.Title;
            return true;
        }
        return false;
    }
}
