using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class ProfileTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_mentor_edits_their_profile_from_my_mentoring_and_a_bad_value_is_named()
    {
        var page = await SignedInAsync("mentor@demo.local");
        await page.GotoAsync("/Me");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "My profile" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Me/Profile$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My profile", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("What I hope to give").FillAsync("code review; public speaking");
        await page.GetByLabel("Languages I speak").FillAsync("English; Spanish");
        await page.GetByLabel("Time zone").FillAsync("America/New_York");
        await page.GetByLabel("My working day starts at").FillAsync("10:00");
        await page.GetByLabel("and ends at").FillAsync("08:00");
        await page.GetByLabel("Virtual coffee").CheckAsync();
        await page.GetByLabel("Slack").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();

        // The end before the start is said next to the field, and what was typed stays.
        await Expect(page.Locator("[data-valmsg-for='WorkdayEnd']")).ToContainTextAsync("not after the start at 10:00");
        await Expect(page.GetByLabel("Languages I speak")).ToHaveValueAsync("English; Spanish");
        await Expect(page.GetByLabel("Virtual coffee")).ToBeCheckedAsync();

        await page.GetByLabel("and ends at").FillAsync("18:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your profile is saved");
        await Expect(page.GetByLabel("Languages I speak")).ToHaveValueAsync("English; Spanish");
        await Expect(page.GetByLabel("What I hope to give")).ToHaveValueAsync("code review; public speaking");
        await Expect(page.GetByLabel("My working day starts at")).ToHaveValueAsync("10:00");
        await Expect(page.GetByLabel("and ends at")).ToHaveValueAsync("18:00");
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("America/New_York");
        await Expect(page.GetByLabel("Virtual coffee")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Slack")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Microsoft Teams")).Not.ToBeCheckedAsync();
        await ScreenshotAsync(page, "my-profile");
    }

    [Fact]
    public async Task My_profile_is_in_the_account_menu_and_fits_a_phone()
    {
        var page = await SignedInAsync("mentee@demo.local", phone: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await page.Locator(".nav-account").GetByRole(AriaRole.Link, new() { Name = "My profile" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Me/Profile$"));
        var form = page.Locator("form.panel");
        await Expect(form).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"nothing runs off a phone's screen (the page is {width}px wide)");
        await ScreenshotAsync(page, "my-profile-phone");
    }

    [Fact]
    public async Task A_thin_file_is_previewed_with_what_its_gaps_prevent()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/People/Import");
        await page.GetByLabel("Roster CSV").SetInputFilesAsync(new FilePayload
        {
            Name = "thin.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("EmployeeNumber,Name,Email,JobLevel,Office\nT9001,Ana Reis,,1,\nT9002,,t9002@example.com,2,London\nT9003,,,3,\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        var gaps = page.Locator(".notice-warning li");
        await Expect(gaps).ToHaveTextAsync([
            "2 people have no name: shown by their HR id (\"Employee 123\"), hard to recognise in proposals and invitations",
            "2 people have no e-mail: no sign-in, no invitations",
            "2 people have no office: no in-person scheduling",
            "2 people have no time zone (of their own or an office's): no working-hours fit",
        ]);
        await ScreenshotAsync(page, "import-gaps");
    }

    [Fact]
    public async Task The_admin_sees_whose_profile_is_too_thin_from_the_matching_page()
    {
        // The demo mentee leaves out their interests and values for a while.
        var mentee = await SignedInAsync("mentee@demo.local");
        var name = await WelcomedNameAsync(mentee);
        await mentee.GotoAsync("/Me/Profile");
        var interests = await mentee.GetByLabel("Interests").InputValueAsync();
        var values = await mentee.GetByLabel("Values").InputValueAsync();
        await mentee.GetByLabel("Interests").FillAsync("");
        await mentee.GetByLabel("Values").FillAsync("");
        await mentee.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await Expect(mentee.GetByRole(AriaRole.Status)).ToContainTextAsync("Your profile is saved");

        foreach (var phone in new[] { false, true })
        {
            var page = await SignedInAsync("admin@demo.local", phone);
            await page.GotoAsync("/Programs");
            await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Matching", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Thin profiles" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Profiles too thin to match well" })).ToBeVisibleAsync();
            var row = page.Locator("tbody tr").Filter(new() { HasText = name });
            await Expect(row.Locator("td")).ToHaveTextAsync([name, "Mentee", "interests, values"]);
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("with no interests: no shared interests to point to");
            await ScreenshotAsync(page, phone ? "thin-profiles-phone" : "thin-profiles");
        }

        await mentee.GotoAsync("/Me/Profile");
        await mentee.GetByLabel("Interests").FillAsync(interests);
        await mentee.GetByLabel("Values").FillAsync(values);
        await mentee.GetByRole(AriaRole.Button, new() { Name = "Save my profile" }).ClickAsync();
        await Expect(mentee.GetByRole(AriaRole.Status)).ToContainTextAsync("Your profile is saved");
    }
}
