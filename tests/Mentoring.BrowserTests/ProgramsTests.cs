using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class ProgramsTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_admin_creates_a_program_sees_a_date_error_next_to_its_field_then_edits_it()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/Programs");
        await page.GetByRole(AriaRole.Link, new() { Name = "New program" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Programs/Edit$"));

        await page.GetByLabel("Name").FillAsync("Group Mentoring: New Managers");
        await page.GetByLabel("Purpose").FillAsync("New managers learn from experienced ones in small groups, in person once a month.");
        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Group mentoring" });
        await page.GetByLabel("Start date").FillAsync("2027-03-01");
        await page.GetByLabel("End date").FillAsync("2027-01-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create program" }).ClickAsync();

        // The API's rule, shown next to the field it is about.
        var endError = page.Locator("[data-valmsg-for='Input.EndDate']");
        await Expect(endError).ToHaveTextAsync("The end date is before the start date.");
        await Expect(page.GetByLabel("End date")).ToHaveClassAsync(new Regex("input-validation-error"));
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Group Mentoring: New Managers");
        await ScreenshotAsync(page, "program-validation");

        await page.GetByLabel("End date").FillAsync("2027-09-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create program" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Programs/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Group Mentoring: New Managers");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Group Mentoring: New Managers is created.");
        await Expect(page.Locator(".lead")).ToContainTextAsync("Group mentoring · Draft · 1 Mar 2027 – 30 Sept 2027");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit program" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Name']")).ToHaveTextAsync("The Name field is required.");

        await page.GetByLabel("Name").FillAsync("Group Mentoring: First-Time Managers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Changes saved.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Group Mentoring: First-Time Managers");

        // The status changes by a step of the program's life, on its page, not by the edit form.
        await page.GetByRole(AriaRole.Button, new() { Name = "Start for everyone" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The program has started, open to everyone.");
        await Expect(page.Locator(".lead .badge")).ToHaveTextAsync("Active");
        await Expect(page.Locator("#next-step")).ToContainTextAsync("Draft → Active");
        await ScreenshotAsync(page, "program-edited");

        await page.GotoAsync("/Programs");
        var row = page.Locator("tbody tr").Filter(new() { HasText = "Group Mentoring: First-Time Managers" });
        await Expect(row).ToContainTextAsync("Active");
        await ScreenshotAsync(page, "programs");
    }

    [Fact]
    public async Task A_mentor_sees_programs_without_the_enrollment_list_or_edit_links()
    {
        var page = await SignedInAsync("mentor@demo.local");
        await page.GotoAsync("/Programs");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New program" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Purpose" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enrollments" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit program" })).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/Programs/Edit");
        Assert.Equal(403, response!.Status);
    }
}
