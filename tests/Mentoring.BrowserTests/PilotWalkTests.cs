using System.Text.RegularExpressions;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

/// <summary>The admin starts a reverse-mentoring program small, as the issue asks: sponsor, pilot in one department, criteria, check-ins, evaluation, expansion.</summary>
[Collection(AppCollection.Name)]
public sealed class PilotWalkTests(AppFixture app) : BrowserTest(app)
{
    private const string ExecutiveEmail = "executive@pilot.example";

    [Fact]
    public async Task An_admin_runs_a_reverse_mentoring_pilot_in_one_department_evaluates_it_and_expands_it()
    {
        const string name = "Reverse mentoring: the leadership team";
        string department, sponsorName;
        int menteeId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
            // The executive has an account of their own: the demo mentee's one mentor is what the other tests, sharing this app, see.
            var demoMentee = await db.Users.Where(u => u.Email == "mentee@demo.local").Select(u => u.Person!).SingleAsync();
            var mentee = await db.People.Where(p => p.Active && p.Department == demoMentee.Department && !db.Users.Any(u => u.PersonId == p.Id))
                .OrderByDescending(p => p.Level).ThenBy(p => p.Id).FirstAsync();
            (department, menteeId) = (mentee.Department!, mentee.Id);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var account = new UserAccount { UserName = ExecutiveEmail, Email = ExecutiveEmail, EmailConfirmed = true, DisplayName = mentee.Name, PersonId = mentee.Id };
            Assert.True((await users.CreateAsync(account, AppFixture.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(account, Roles.Mentee)).Succeeded);
            sponsorName = await db.Users.Where(u => u.Email == "sponsor@demo.local").Select(u => u.Person!.Name).SingleAsync();
        }

        var admin = await SignedInAsync("admin@demo.local");
        await admin.GotoAsync("/Programs/Edit");
        await admin.GetByLabel("Name").FillAsync(name);
        await admin.GetByLabel("Purpose").FillAsync("Juniors show the leadership team how the company looks from the ground, one pair at a time.");
        await admin.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Reverse mentoring" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create program" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex(@"/Programs/\d+$"));
        var programId = int.Parse(new Regex(@"/Programs/(\d+)$").Match(admin.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // A reverse-mentoring program starts as a pilot: skipping it is not offered.
        await Expect(admin.Locator("#next-step")).ToContainTextAsync("Start the pilot");
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Start for everyone" })).ToHaveCountAsync(0);

        // Without a sponsor, the pilot does not start; the reason is next to the step.
        await admin.Locator("#next-step").GetByLabel("Who the pilot reaches").SelectOptionAsync($"department|{department}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Start the pilot" }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for='Step.To']")).ToContainTextAsync("needs an executive sponsor first");

        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pilot and evaluation");
        await admin.GetByLabel("Sponsor", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = sponsorName });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the sponsor" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{sponsorName} is the executive sponsor.");

        // Two criteria, written before the pilot starts; a target out of range is named next to it.
        var criterion = admin.Locator("fieldset.criterion").Last;
        await criterion.GetByLabel("What success looks like").FillAsync("80% of pairs check in weekly");
        await criterion.GetByLabel("Measured by").SelectOptionAsync("check-in-rate");
        await criterion.GetByLabel("Target").FillAsync("80");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the criteria" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("One success criterion is saved.");
        criterion = admin.Locator("fieldset.criterion").Last;
        await criterion.GetByLabel("What success looks like").FillAsync("Mean end-survey score at least 4");
        await criterion.GetByLabel("Measured by").SelectOptionAsync("mean-end-survey-score");
        await criterion.GetByLabel("Target").FillAsync("40");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the criteria" }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for='Rows[1].Target']")).ToHaveTextAsync("The target is a score from 1 to 5.");
        await admin.Locator("fieldset.criterion").Nth(1).GetByLabel("Target").FillAsync("4");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the criteria" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 success criteria are saved.");

        // The pilot starts in one department, from the program's page.
        await admin.GotoAsync($"/Programs/{programId}");
        await admin.Locator("#next-step").GetByLabel("Who the pilot reaches").SelectOptionAsync($"department|{department}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Start the pilot" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"The pilot runs for the {department} department.");
        await Expect(admin.Locator(".lead .badge")).ToHaveTextAsync("Pilot");
        await Expect(admin.Locator(".purpose + p")).ToContainTextAsync(sponsorName);
        await ScreenshotAsync(admin, "pilot-program");

        // A pair of the department, matched a week ago; the executive logs their check-in.
        int mentorshipId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
            var junior = await db.People.Where(p => p.Active && p.Department == department && p.Id != menteeId && !db.Users.Any(u => u.PersonId == p.Id))
                .OrderBy(p => p.Level).ThenBy(p => p.Id).FirstAsync();
            db.Enrollments.AddRange(
                new Enrollment { ProgramId = programId, PersonId = junior.Id, Role = EnrollmentRole.Mentor, Capacity = 1 },
                new Enrollment { ProgramId = programId, PersonId = menteeId, Role = EnrollmentRole.Mentee });
            var mentorship = new Mentorship { ProgramId = programId, MentorId = junior.Id, MenteeId = menteeId, CreatedAt = SystemClock.Instance.GetCurrentInstant() - Duration.FromDays(8) };
            db.Mentorships.Add(mentorship);
            await db.SaveChangesAsync();
            mentorshipId = mentorship.Id;
        }
        var executive = await SignedInAsync(ExecutiveEmail);
        await executive.GotoAsync($"/Mentorships/{mentorshipId}");
        await executive.GetByLabel("One line (the two of you see it)").FillAsync("How releases look from the support desk");
        await executive.GetByRole(AriaRole.Button, new() { Name = "Log check-in" }).ClickAsync();
        await Expect(executive.GetByRole(AriaRole.Status).First).ToContainTextAsync("Check-in logged");

        // Evaluate: each criterion against what was measured.
        await admin.GotoAsync($"/Programs/{programId}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Evaluate the pilot" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("The pilot is being evaluated");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Evaluation: progress against the success criteria and survey results" }).ClickAsync();
        var checkIns = admin.Locator("tbody tr").Filter(new() { HasText = "80% of pairs check in weekly" });
        await Expect(checkIns).ToContainTextAsync("100%");
        await Expect(checkIns).ToContainTextAsync("1 of 1 pairs check in as their plan asks.");
        await Expect(checkIns).ToContainTextAsync("Met");
        await Expect(admin.Locator("tbody tr").Filter(new() { HasText = "Mean end-survey score at least 4" })).ToContainTextAsync("No end survey yet.");
        await ScreenshotAsync(admin, "pilot-evaluation");

        var phone = await SignedInAsync("admin@demo.local", phone: true);
        await phone.GotoAsync($"/Programs/{programId}/Evaluation");
        await ScreenshotAsync(phone, "pilot-evaluation-phone");
        await phone.GotoAsync($"/Programs/{programId}/Pilot");
        await ScreenshotAsync(phone, "pilot-settings-phone");
        await admin.GotoAsync($"/Programs/{programId}/Pilot");
        await ScreenshotAsync(admin, "pilot-settings");

        // Expand: the scope goes, the pair and its check-in stay.
        await admin.GotoAsync($"/Programs/{programId}/Evaluation");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Expand to everyone" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("The program is open to everyone; the pilot's pairs, sessions and answers stay.");
        await Expect(admin.Locator(".lead .badge")).ToHaveTextAsync("Active");
        await Expect(admin.Locator(".steps-so-far li")).ToHaveCountAsync(3);
        await Expect(admin.Locator(".steps-so-far")).ToContainTextAsync("Evaluating → Active, by admin@demo.local");
        await ScreenshotAsync(admin, "pilot-expanded");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
            Assert.True(await db.Mentorships.AnyAsync(m => m.Id == mentorshipId && m.Status == MentorshipStatus.Active));
            Assert.Equal(1, await db.CheckIns.CountAsync(c => c.MentorshipId == mentorshipId));
        }
    }
}
