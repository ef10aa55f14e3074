using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Applications;

/// <summary>The admin builds a program's application form and opens it; the rules are <see cref="ApplicationsService"/>'s.</summary>
public sealed class FormModel(ApplicationsService applications) : PageModel
{
    /// <summary>Empty question rows offered under the form's questions.</summary>
    public const int BlankRows = 3;

    public ApplicationFormDto? Form { get; private set; }

    [BindProperty]
    public FormFields Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public sealed class QuestionFields
    {
        public int? Id { get; set; }

        public string? Text { get; set; }

        public QuestionKind Kind { get; set; }

        public bool Required { get; set; }

        /// <summary>One option a line.</summary>
        public string? Options { get; set; }

        public AnswerMapping MapsTo { get; set; }
    }

    public sealed class FormFields
    {
        public bool IsOpen { get; set; }

        public DateOnly? OpensOn { get; set; }

        public DateOnly? ClosesOn { get; set; }

        public string? TimeZone { get; set; }

        public ApprovalMode Approval { get; set; }

        public int? MentorCapacity { get; set; }

        public int? MenteeCapacity { get; set; }

        public int? ParticipantCapacity { get; set; }

        public string? Intro { get; set; }

        public List<QuestionFields> Questions { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var form = await applications.FormAsync(id, HttpContext.RequestAborted);
        if (form.Succeeded)
        {
            Form = form.Value!;
            Input = new FormFields
            {
                IsOpen = Form.IsOpen, OpensOn = Form.OpensOn?.ToDateOnly(), ClosesOn = Form.ClosesOn?.ToDateOnly(), TimeZone = Form.TimeZone,
                Approval = Form.Approval, MentorCapacity = Form.Capacity.Mentor, MenteeCapacity = Form.Capacity.Mentee,
                ParticipantCapacity = Form.Capacity.Participant, Intro = Form.Intro,
                Questions = Form.Questions.Select(q => new QuestionFields
                {
                    Id = q.Id, Text = q.Text, Kind = q.Kind, Required = q.Required, Options = string.Join("\n", q.Options), MapsTo = q.MapsTo,
                }).ToList(),
            };
        }
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        // A row without words is an empty row (or a question taken out).
        var rows = Input.Questions.Where(q => !string.IsNullOrWhiteSpace(q.Text)).ToList();
        var outcome = await applications.SaveFormAsync(id, new ApplicationFormInput
        {
            IsOpen = Input.IsOpen, OpensOn = Input.OpensOn, ClosesOn = Input.ClosesOn, TimeZone = Input.TimeZone, Approval = Input.Approval,
            Capacity = new RoleCapacity(Input.MentorCapacity, Input.MenteeCapacity, Input.ParticipantCapacity), Intro = Input.Intro,
            Questions = rows.Select(q => new QuestionInput
            {
                Id = q.Id, Text = q.Text, Kind = q.Kind, Required = q.Required, MapsTo = q.MapsTo,
                Options = q.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice
                    ? (q.Options ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                    : [],
            }).ToList(),
        }, HttpContext.RequestAborted);
        if (outcome.IsNotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            Form = (await applications.FormAsync(id, HttpContext.RequestAborted)).Value;
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError(error.Field, PageValidation.Sentence(error.Message));
            }
            Input.Questions = rows;
            Pad();
            return Page();
        }
        Message = outcome.Value!.OpenToday ? "The form is saved and the program is open for applications." : "The form is saved.";
        return RedirectToPage(new { id });
    }

    private void Pad()
    {
        for (var i = 0; i < BlankRows; i++)
        {
            Input.Questions.Add(new QuestionFields());
        }
    }
}
