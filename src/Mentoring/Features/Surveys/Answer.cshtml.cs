using System.Text.Json;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Features.Surveys;

/// <summary>The respondent answers a survey (again, to change their answers); they alone see what they gave.</summary>
public sealed class AnswerModel(SurveysService surveys, CurrentPerson current) : PageModel
{
    public SurveyDto? Survey { get; private set; }

    public MyResponseDto? Mine { get; private set; }

    public bool MayAnswer { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFoundPage();

    private IActionResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var cancellationToken = HttpContext.RequestAborted;
        Survey = await surveys.GetAsync(id, cancellationToken);
        if (Survey is null)
        {
            return false;
        }
        MayAnswer = await current.IdAsync(cancellationToken) is { } personId && await surveys.MayAnswerAsync(id, Survey.ProgramId, personId, cancellationToken);
        Mine = await surveys.MineAsync(id, cancellationToken);
        return true;
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFoundPage();
        }
        if (!MayAnswer)
        {
            return Forbid();
        }
        var answers = new List<AnswerInput>();
        foreach (var q in Survey!.Questions)
        {
            var values = Request.Form[$"q{q.Id}"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList();
            JsonElement? value = q.Kind switch
            {
                SurveyQuestionKind.Multi => JsonSerializer.SerializeToElement(values),
                _ when values.Count == 0 => null,
                SurveyQuestionKind.Scale or SurveyQuestionKind.Nps when int.TryParse(values[0], out var n) => JsonSerializer.SerializeToElement(n),
                _ => JsonSerializer.SerializeToElement(values[0]),
            };
            if (value is { } v && !(q.Kind == SurveyQuestionKind.Multi && values.Count == 0))
            {
                answers.Add(new AnswerInput(q.Id, v));
            }
        }
        var outcome = await surveys.RespondAsync(id, new ResponseInput(answers), HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            foreach (var e in outcome.Errors)
            {
                Errors[e.Field] = e.Message;
            }
            return Page();
        }
        StatusMessage = "Thank you: your answers are in. Only you can see them; others see them only counted together with at least a few more.";
        return RedirectToPage(new { id });
    }

    /// <summary>What the respondent gave before, to fill the form.</summary>
    public bool Gave(int questionId, string value) =>
        Mine?.Answers.FirstOrDefault(a => a.QuestionId == questionId) is { } a
        && (a.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) == value || a.Text == value || (a.Choices?.Contains(value) ?? false));

    public string? TextOf(int questionId) => Mine?.Answers.FirstOrDefault(a => a.QuestionId == questionId)?.Text;
}
