using System.Text.RegularExpressions;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class MentorshipSpaceTests(AppFixture app) : BrowserTest(app)
{
    /// <summary>The demo pair's mentorship, active again (another test may have declined it).</summary>
    private async Task<int> DemoPairAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var mentee = await db.Users.Where(u => u.NormalizedEmail == "MENTEE@DEMO.LOCAL").Select(u => u.PersonId).SingleAsync();
        var mentor = await db.Users.Where(u => u.NormalizedEmail == "MENTOR@DEMO.LOCAL").Select(u => u.PersonId).SingleAsync();
        var id = await db.Mentorships.Where(m => m.MenteeId == mentee && m.MentorId == mentor).Select(m => m.Id).SingleAsync();
        await db.Mentorships.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MentorshipStatus.Active));
        return id;
    }

    [Fact]
    public async Task A_mentee_changes_the_plan_checks_in_sets_a_goal_logs_and_rates_a_session_and_the_mentor_confirms()
    {
        var id = await DemoPairAsync();
        var page = await SignedInAsync("mentee@demo.local");
        await page.GotoAsync("/Me");
        await page.Locator("article.person-card").Filter(new() { HasText = "Your mentor" })
            .GetByRole(AriaRole.Link, new() { Name = "Our space: plan, goals, check-ins" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Mentorships/{id}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("With ");
        await Expect(page.Locator("section[aria-labelledby='plan']")).ToContainTextAsync("No need to apologise for interruptions from children or pets");

        // A change to the plan is a new version, confirmed by its author.
        await page.GetByText("Change the plan").ClickAsync();
        await page.GetByLabel("Day").First.SelectOptionAsync("Thursday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and confirm" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Plan saved and confirmed by you");
        await Expect(page.Locator("section[aria-labelledby='plan'] dl")).ToContainTextAsync("Thursday at 10:00");
        await Expect(page.Locator("section[aria-labelledby='plan'] dl")).ToContainTextAsync("confirmed by you");

        // A check-in in one step.
        await page.GetByLabel("One line (the two of you see it)").FillAsync("Talked about the review");
        await page.Locator("section[aria-labelledby='checkIn'] input[name='checkIn.Rating'][value='4']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log check-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Check-in logged");
        await Expect(page.Locator("section[aria-labelledby='checkIn']")).ToContainTextAsync("Talked about the review");

        // A goal without a title is refused next to the form; with one, it shows its progress.
        await page.GetByText("Set a goal").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Set goal" }).ClickAsync();
        await Expect(page.Locator("section[aria-labelledby='goals'] .field-validation-error")).ToContainTextAsync("Write the goal");
        await page.GetByLabel("What", new() { Exact = true }).FillAsync("Run a retrospective for my team");
        await page.GetByLabel("Why it matters").FillAsync("To practise leading a room");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set goal" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Run a retrospective for my team" })).ToBeVisibleAsync();

        // A session logged with private notes, rated in one click.
        await page.GetByText("Log a session").ClickAsync();
        await page.GetByLabel("Agenda").FillAsync("Three-minute life story");
        await page.GetByLabel("My private notes (only me)").FillAsync("I felt heard today");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log session" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Session logged");
        var session = page.Locator("section[aria-labelledby='sessions'] article").Filter(new() { HasText = "Three-minute life story" }).First;
        await session.GetByRole(AriaRole.Button, new() { Name = "5", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Thanks for rating");
        await Expect(page.Locator("section[aria-labelledby='sessions'] article").Filter(new() { HasText = "Three-minute life story" }).First
            .GetByRole(AriaRole.Button, new() { Name = "5", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await ScreenshotAsync(page, "mentorship-space");
        var phone = await SignedInAsync("mentee@demo.local", phone: true);
        await phone.GotoAsync($"/Mentorships/{id}");
        await ScreenshotAsync(phone, "mentorship-space-phone");

        // The mentor sees the new version to confirm, and not the mentee's private notes.
        var mentor = await SignedInAsync("mentor@demo.local");
        await mentor.GotoAsync($"/Mentorships/{id}");
        await Expect(mentor.Locator("section[aria-labelledby='sessions']")).ToContainTextAsync("Three-minute life story");
        await Expect(mentor.Locator("main")).Not.ToContainTextAsync("I felt heard today");
        await mentor.GetByRole(AriaRole.Button, new() { Name = "Confirm this plan" }).ClickAsync();
        await Expect(mentor.GetByRole(AriaRole.Status).First).ToContainTextAsync("You confirmed the plan");
        await Expect(mentor.Locator("section[aria-labelledby='plan']")).ToContainTextAsync("You both confirmed this version");
    }

    [Fact]
    public async Task The_admin_walks_to_the_program_health_page_and_filters_the_pairs()
    {
        var admin = await SignedInAsync("admin@demo.local");
        await admin.GotoAsync("/Programs");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Relationship health" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Relationship health");
        await Expect(admin.Locator("svg.chart")).ToBeVisibleAsync();
        await Expect(admin.Locator("section[aria-labelledby='quiet-heading'] li").First).ToBeVisibleAsync();
        await admin.GetByLabel("Health").SelectOptionAsync("AtRisk");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var rows = admin.Locator("section[aria-labelledby='pairs-heading'] tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        foreach (var badge in await rows.Locator(".badge").AllTextContentsAsync())
        {
            Assert.Equal("At risk", badge);
        }
        await admin.GotoAsync(admin.Url.Split('?')[0]);
        await ScreenshotAsync(admin, "program-health");
        var phone = await SignedInAsync("admin@demo.local", phone: true);
        await phone.GotoAsync(admin.Url);
        await ScreenshotAsync(phone, "program-health-phone");
    }
}
