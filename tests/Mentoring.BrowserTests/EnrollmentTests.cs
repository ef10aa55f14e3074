using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed partial class EnrollmentTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_admin_enrolls_by_rule_then_one_person_by_search_then_withdraws_and_re_enrolls_them()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/Programs/Edit");
        await page.GetByLabel("Name").FillAsync("Design Juniors 2027");
        await page.GetByLabel("Purpose").FillAsync("Every junior designer has a senior to learn the craft from, in person.");
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Mentoring" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create program" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(ProgramUrl());
        var programUrl = new Uri(page.Url).AbsolutePath;
        await Expect(page.GetByText("No one is enrolled yet.")).ToBeVisibleAsync();

        // In bulk, by rule: level 1 designers in no active program, previewed before anything is written.
        await page.GetByRole(AriaRole.Link, new() { Name = "Enroll people" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "By rule" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Levels" }).GetByLabel("1 · junior").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Departments" }).GetByLabel("Design", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("In no active program").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var status = page.GetByRole(AriaRole.Status);
        await Expect(status).ToContainTextAsync(new Regex(@"\d+ people match: \d+ to enroll\."));
        var count = int.Parse(CountPattern().Match(await status.InnerTextAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(count, 2, 199);
        var rows = page.Locator("section[aria-labelledby=preview-heading] tbody tr");
        await Expect(rows).ToHaveCountAsync(count);
        for (var i = 0; i < count; i++)
        {
            await Expect(rows.Nth(i)).ToContainTextAsync("Will be enrolled");
        }
        // Mentees have no capacity to give.
        await Expect(page.GetByLabel("Mentees per mentor")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "enroll");
        var phone = await SignedInAsync("admin@demo.local", phone: true);
        await phone.GotoAsync(page.Url);
        await Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync($"{count} people match");
        await ScreenshotAsync(phone, "enroll-phone");

        var previewUrl = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = $"Enroll {count} people" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(ProgramUrl());
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{count} people are enrolled as mentees.");
        var enrolled = page.Locator("section[aria-labelledby=enrollments-heading] table").First.Locator("tbody tr");
        await Expect(enrolled).ToHaveCountAsync(count);
        await Expect(enrolled.First).ToContainTextAsync("Mentee");
        await Expect(enrolled.First).ToContainTextAsync("Enrolled");

        // The same rule again finds them all already in the program, and offers nothing to write.
        await page.GotoAsync(previewUrl);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{count} people match: 0 to enroll, {count} already in the program.");
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Enroll") })).ToHaveCountAsync(0);

        // One by one: search as you type (no Enter), choose, enroll as a mentor with a capacity.
        await page.GotoAsync(programUrl + "/Enroll");
        await page.GetByLabel("Name, e-mail, HR id or title").FillAsync("d1017");
        var choose = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Choose ") });
        await Expect(choose).ToHaveCountAsync(1);
        var name = (await choose.GetAttributeAsync("aria-label"))!.Replace("Choose ", "", StringComparison.Ordinal);
        await choose.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 person matches: 1 to enroll.");
        await page.GetByLabel("Enroll as", new() { Exact = true }).SelectOptionAsync("mentor");
        await page.GetByLabel("Mentees per mentor").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enroll 1 person" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 person is enrolled as a mentor.");
        var mentorRow = enrolled.Filter(new() { HasText = name });
        await Expect(mentorRow).ToContainTextAsync("Mentor");
        await Expect(mentorRow.Locator("td.num")).ToHaveTextAsync("2");

        // Withdraw, then re-enroll with the role and capacity they had.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Withdraw {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{name} is withdrawn from the program. What they did in it stays.");
        await Expect(mentorRow).ToHaveCountAsync(0);
        var withdrawnRow = page.Locator("table[aria-labelledby], table").Locator("tbody tr").Filter(new() { HasText = "Withdrawn" }).Filter(new() { HasText = name });
        await Expect(withdrawnRow).ToContainTextAsync("Mentor");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Re-enroll {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{name} is enrolled again.");
        await Expect(mentorRow.Locator("td.num")).ToHaveTextAsync("2");
        await Expect(enrolled).ToHaveCountAsync(count + 1);
    }

    [Fact]
    public async Task The_dashboard_leads_from_the_juniors_in_no_active_program_to_enrolling_them()
    {
        var page = await SignedInAsync("admin@demo.local");
        var stat = page.Locator(".stat-attention .stat-value");
        var juniors = int.Parse((await stat.InnerTextAsync()).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.True(juniors > 0);
        await page.GetByLabel("Enroll them as mentees in").SelectOptionAsync(new SelectOptionValue { Label = "Reverse Mentoring Pilot: Product" });
        await page.GetByRole(AriaRole.Button, new() { Name = "See who and enroll" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Programs/\d+/Enroll\?"));
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Levels" }).GetByLabel("1 · junior")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("In no active program")).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(juniors.ToString("N0", CultureInfo.GetCultureInfo("en-GB")) + " people match");
        await Expect(page.GetByLabel("Enroll as", new() { Exact = true })).ToHaveValueAsync("mentee");
    }

    private static Regex ProgramUrl() => new(@"/Programs/\d+$");

    [GeneratedRegex(@"^(\d+) (?:people|person) match")]
    private static partial Regex CountPattern();
}
