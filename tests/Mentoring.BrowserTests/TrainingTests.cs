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
public sealed class TrainingTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_mentor_opens_my_training_reads_a_module_marks_it_done_and_answers_a_question()
    {
        var page = await SignedInAsync("mentor@demo.local");
        await page.GotoAsync("/Me");
        await page.GetByRole(AriaRole.Link, new() { Name = "My training" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My training", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Starting as a mentor" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Being a mentor: listen more than you advise" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Listen more than you advise", Level = 2 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Marked done.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark as not done" })).ToBeVisibleAsync();

        var question = page.Locator(".question-panel").First;
        await question.GetByLabel("Your answer").FillAsync("She asked what I had tried before telling me anything.");
        await question.GetByLabel("Who can read it").SelectOptionAsync("pair");
        await question.GetByRole(AriaRole.Button, new() { Name = "Save my answer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("you and your pair can read it");
        await Expect(page.Locator(".question-panel").First.GetByLabel("Your answer")).ToHaveValueAsync("She asked what I had tried before telling me anything.");

        // The mentee, the mentor's pair, reads it as shared; the course page shows the progress.
        var mentee = await SignedInAsync("mentee@demo.local");
        await mentee.GotoAsync(page.Url.Split('#')[0]);
        await Expect(mentee.Locator(".shared-answers")).ToContainTextAsync("She asked what I had tried");
        await page.GotoAsync("/Training");
        await Expect(page.Locator(".training-card").Filter(new() { HasText = "Starting as a mentor" })).ToContainTextAsync("1 of 4 modules done");
        await ScreenshotAsync(page, "training-my-training");
        var phone = await SignedInAsync("mentor@demo.local", phone: true);
        await phone.GotoAsync("/Training");
        await ScreenshotAsync(phone, "training-my-training-phone");
    }

    [Fact]
    public async Task The_admin_reads_completion_by_role_and_office_with_a_chart()
    {
        // Ten of the program's mentors have completed the starter course.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
            var course = await db.TrainingCourses.Include(c => c.Modules).SingleAsync(c => c.Key == "starter-mentor");
            var programId = await db.Programs.Where(p => p.Name == "Hybrid Mentoring 2026").Select(p => p.Id).SingleAsync();
            var mentors = await db.Enrollments.Where(e => e.ProgramId == programId && e.Role == EnrollmentRole.Mentor).OrderBy(e => e.Id)
                .Select(e => e.PersonId).Take(10).ToListAsync();
            var done = await db.ModuleCompletions.Select(c => new { c.PersonId, c.ModuleId }).ToListAsync();
            foreach (var mentor in mentors)
            {
                db.ModuleCompletions.AddRange(course.Modules.Where(m => !done.Any(d => d.PersonId == mentor && d.ModuleId == m.Id))
                    .Select(m => new ModuleCompletion { ModuleId = m.Id, PersonId = mentor, CompletedAt = SystemClock.Instance.GetCurrentInstant() }));
            }
            await db.SaveChangesAsync();
        }
        var admin = await SignedInAsync("admin@demo.local");
        await admin.GotoAsync("/Training");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Manage the library" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Completion" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Training completion" })).ToBeVisibleAsync();
        var program = admin.Locator("section").Filter(new() { Has = admin.GetByRole(AriaRole.Heading, new() { Name = "Hybrid Mentoring 2026" }) });
        await Expect(program.Locator("svg.report-chart").First).ToBeVisibleAsync();
        await Expect(program).ToContainTextAsync("By office");
        await Expect(program).ToContainTextAsync(new Regex(@"\d+% of \d+"));
        await ScreenshotAsync(admin, "training-completion");
        var phone = await SignedInAsync("admin@demo.local", phone: true);
        await phone.GotoAsync("/Training/Completion");
        await ScreenshotAsync(phone, "training-completion-phone");
    }
}
