using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.People;

/// <summary>
/// Roster import in two steps: upload a CSV and see what it would do (a dry run: the counts, or
/// every problem with its line and column, with nothing written); then confirm, which starts the
/// import in the background and shows its status page.
/// </summary>
[RequestSizeLimit(MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes)]
public sealed class ImportModel(RosterImporter importer, ImportUploads uploads, ImportJobs jobs) : PageModel
{
    /// <summary>Room for a roster of well over 100,000 people with every HR column.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The kept upload's key and name, carried from the preview to the confirmation.</summary>
    [BindProperty]
    public string? UploadKey { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    public ImportResult? Preview { get; private set; }

    public static IEnumerable<string> Columns => RosterColumns.CanonicalHeaders.Values;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file to import.");
            return Page();
        }
        FileName = Path.GetFileName(Upload.FileName);
        await using (var upload = Upload.OpenReadStream())
        {
            UploadKey = await uploads.SaveAsync(upload, cancellationToken);
        }
        await using (var saved = uploads.Open(UploadKey)!)
        {
            Preview = await importer.ImportAsync(saved, dryRun: true, cancellationToken: cancellationToken);
        }
        if (!Preview.Succeeded)
        {
            // A file with errors cannot be confirmed; it is not kept.
            uploads.Delete(UploadKey);
            UploadKey = null;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var job = UploadKey is null ? null : await jobs.StartAsync(UploadKey, FileName ?? "roster.csv", User.Identity?.Name ?? "", HttpContext.RequestAborted);
        if (job is null)
        {
            ModelState.AddModelError(nameof(Upload), "That upload has expired or was already imported. Choose the file again.");
            return Page();
        }
        return RedirectToPage("ImportStatus", new { id = job.Id });
    }
}
