using System.Text.RegularExpressions;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class SurveysTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_mentee_answers_a_survey_and_the_admin_and_sponsor_read_only_its_aggregates()
    {
        const string title = "Browser halfway survey";
        var admin = await SignedInAsync("admin@demo.local");
        await admin.GotoAsync("/Programs");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Surveys", Exact = true }).ClickAsync();
        await admin.GetByLabel("Template").SelectOptionAsync("middle");
        await admin.GetByLabel("Title").FillAsync(title);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Make survey" }).ClickAsync();
        var row = admin.Locator("tbody tr").Filter(new() { HasText = title });
        await row.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex(@"Sent to \d+ people"));
        await ScreenshotAsync(admin, "surveys");

        // Four other people of the program have answered already.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
            var survey = await db.Surveys.Include(s => s.Questions).SingleAsync(s => s.Title == title);
            var mentee = await db.Users.Where(u => u.Email == "mentee@demo.local").Select(u => u.PersonId).SingleAsync();
            var others = await db.Enrollments.Where(e => e.ProgramId == survey.ProgramId && e.PersonId != mentee && e.Role == EnrollmentRole.Mentee)
                .OrderBy(e => e.Id).Take(4).ToListAsync();
            var cadence = survey.Questions.Single(q => q.Key == "cadence");
            foreach (var (e, i) in others.Select((e, i) => (e, i)))
            {
                db.SurveyResponses.Add(new SurveyResponse
                {
                    SurveyId = survey.Id, PersonId = e.PersonId, Role = e.Role, SubmittedAt = SystemClock.Instance.GetCurrentInstant(),
                    Answers = [
                        .. survey.Questions.Where(q => q.Kind == SurveyQuestionKind.Scale).Select(q => new SurveyAnswer { QuestionId = q.Id, Number = 3 + i % 3 }),
                        new SurveyAnswer { QuestionId = cadence.Id, Text = cadence.Options[i % 2] },
                        new SurveyAnswer { QuestionId = survey.Questions.Single(q => q.Key == "change").Id, Text = $"More time together, said person {i}" },
                    ],
                });
            }
            await db.SaveChangesAsync();
        }

        var page = await SignedInAsync("mentee@demo.local");
        await page.GotoAsync("/Me");
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Surveys/\d+/Answer$"));
        var going = page.Locator("fieldset").Filter(new() { HasText = "How is the mentoring going?" });
        await going.GetByLabel("4").CheckAsync();
        await page.Locator("fieldset").Filter(new() { HasText = "How often" }).GetByLabel("Every week").CheckAsync();
        await page.Locator("fieldset").Filter(new() { HasText = "How clear are your goals" }).GetByLabel("5").CheckAsync();
        await page.GetByLabel("What one thing would you change?").FillAsync("A quieter room for our lunches");
        await ScreenshotAsync(page, "survey-answer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your answers are in");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Change my answers" })).ToBeVisibleAsync();
        var phone = await SignedInAsync("mentee@demo.local", phone: true);
        await phone.GotoAsync(page.Url);
        await ScreenshotAsync(phone, "survey-answer-phone");

        await admin.GotoAsync(admin.Url);
        await admin.Locator("tbody tr").Filter(new() { HasText = title }).GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(admin.Locator(".lead")).ToContainTextAsync("5 respondents");
        await Expect(admin.Locator("svg.chart").First).ToBeVisibleAsync();
        await Expect(admin.Locator("ul.texts li")).ToHaveCountAsync(5);
        await ScreenshotAsync(admin, "survey-results");
        await admin.GetByRole(AriaRole.Link, new() { Name = "By office" }).ClickAsync();
        // Five people cannot be split by office without a group under five: every office is hidden, with the rule beside it.
        await Expect(admin.Locator(".hidden-figure").First).ToContainTextAsync("Hidden");
        await ScreenshotAsync(admin, "survey-results-by-office");

        var sponsor = await SignedInAsync("sponsor@demo.local", phone: true);
        await sponsor.GotoAsync(admin.Url.Replace("?by=office", "", StringComparison.Ordinal));
        await Expect(sponsor.Locator(".lead")).ToContainTextAsync("5 respondents");
        await ScreenshotAsync(sponsor, "survey-results-phone");
        await sponsor.GotoAsync("/Programs");
        await sponsor.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" }).ClickAsync();
        await sponsor.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Evaluation") }).ClickAsync();
        await Expect(sponsor.GetByRole(AriaRole.Heading, new() { Name = "Success criteria" })).ToBeVisibleAsync();
        await Expect(sponsor.GetByRole(AriaRole.Heading, new() { Name = "A message to everyone in the program" })).ToBeVisibleAsync();
        await ScreenshotAsync(sponsor, "evaluation-sponsor-phone");
        var wide = await SignedInAsync("sponsor@demo.local");
        await wide.GotoAsync(sponsor.Url);
        await ScreenshotAsync(wide, "evaluation-sponsor");
    }
}
