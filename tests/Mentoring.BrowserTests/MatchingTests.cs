using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class MatchingTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_admin_runs_matching_locks_and_swaps_pairs_runs_again_keeping_them_and_publishes()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/Programs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Matching", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Programs/\d+/Matching$"));
        var matchingUrl = page.Url;

        // The demo's second cohort waits; the run goes on in the background and the page follows it.
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Run (matching|again)$") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Proposal" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The page stops following the run once it is done; until then it may replace the proposal's forms.
        await Expect(page.Locator("[data-poll='true']")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(page.Locator(".stat").Filter(new() { HasText = "Proven optimal" }).Locator(".stat-value")).ToHaveTextAsync("Yes");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Mentees by priority, and how many the proposal matches" })).ToBeVisibleAsync();

        var matched = page.Locator("section[aria-labelledby='matched-heading'] tbody tr");
        await Expect(matched.First).ToBeVisibleAsync();
        Assert.True(await matched.CountAsync() >= 2, "the proposal matches at least two mentees");
        // Every line says why, with each reason's share of the score.
        await Expect(matched.First.Locator(".reasons li").First).ToContainTextAsync(new Regex(@"\d+%"));

        // Lock the first pair.
        var kept = await Pair(matched.Nth(0));
        await page.GetByRole(AriaRole.Button, new() { Name = $"Lock the pair of {kept.Mentee}" }).ClickAsync();
        await Expect(Line(page, kept.Mentee)).ToContainTextAsync("Locked");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Unlock the pair of {kept.Mentee}" })).ToHaveAttributeAsync("aria-pressed", "true");
        // The top of the page and the first lines of the proposal, for the docs.
        await page.SetViewportSizeAsync(1280, 1700);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await ScreenshotAsync(page, "matching", fullPage: false);
        await page.SetViewportSizeAsync(1280, 900);

        // Swap the second mentee's mentor for another eligible one with room.
        var swapped = await Pair(matched.Nth(1));
        var select = page.GetByLabel($"Mentor for {swapped.Mentee}");
        var option = select.Locator("option:not([selected]):not([value=''])").First;
        var newMentor = (await option.TextContentAsync())!.Split(" — ")[0].Trim();
        Assert.NotEqual(swapped.Mentor, newMentor);
        var newMentorId = (await option.GetAttributeAsync("value"))!;
        await select.SelectOptionAsync(newMentorId);
        await Expect(select).ToHaveValueAsync(newMentorId);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Swap the mentor of {swapped.Mentee}" }).ClickAsync();
        await Expect(Line(page, swapped.Mentee).Locator("td").Nth(1)).ToContainTextAsync(newMentor);
        await Expect(Line(page, swapped.Mentee)).ToContainTextAsync("Locked");
        // A hand-made change is no longer the engine's proven optimum.
        await Expect(page.Locator(".stat").Filter(new() { HasText = "Proven optimal" }).Locator(".stat-value")).ToHaveTextAsync("No");

        // Run again: both locked pairs stay as they are.
        var before = Regex.Match((await page.Locator("#proposal-run").TextContentAsync())!, @"^Run (\d+) ").Groups[1].Value;
        await page.GetByRole(AriaRole.Button, new() { Name = "Run again keeping locked pairs" }).ClickAsync();
        await Expect(page.Locator("#proposal-run")).ToHaveTextAsync(new Regex($@"^Run (?!{before} )\d+ by"), new() { Timeout = 30_000 });
        await Expect(Line(page, kept.Mentee).Locator("td").Nth(1)).ToContainTextAsync(kept.Mentor);
        await Expect(Line(page, kept.Mentee)).ToContainTextAsync("Locked");
        await Expect(Line(page, swapped.Mentee).Locator("td").Nth(1)).ToContainTextAsync(newMentor);
        await Expect(Line(page, swapped.Mentee)).ToContainTextAsync("Locked");

        // Publish, after a confirmation.
        await page.GetByRole(AriaRole.Link, new() { Name = "Publish…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("as mentorships?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, publish" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The proposal is published");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Proposal" })).ToHaveCountAsync(0);

        // The program's mentorships now hold the new pairs, the hand-made ones included.
        var mentorships = page.Locator("section[aria-labelledby='mentorships-heading'] tbody tr");
        await Expect(mentorships.Filter(new() { HasText = kept.Mentee })).ToContainTextAsync(kept.Mentor);
        await Expect(mentorships.Filter(new() { HasText = swapped.Mentee })).ToContainTextAsync(newMentor);
        await ScreenshotAsync(page, "matching-published");

        var phone = await SignedInAsync("admin@demo.local", phone: true);
        await phone.GotoAsync(matchingUrl);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Mentorships", Exact = false })).ToBeVisibleAsync();
        await ScreenshotAsync(phone, "matching-phone", fullPage: false);
    }

    [Fact]
    public async Task Matching_settings_show_the_rule_broken_next_to_its_field()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/Programs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Reverse Mentoring Pilot: Product" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Matching", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Matching settings" }).ClickAsync();

        await page.GetByLabel("Minimum level gap").FillAsync("6");
        await page.GetByLabel("Scope").SelectOptionAsync(new SelectOptionValue { Label = "One department" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.MinimumLevelGap']")).ToHaveTextAsync("The minimum level gap is from 0 to 4.");
        await ScreenshotAsync(page, "matching-settings-error");

        await page.GetByLabel("Minimum level gap").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.PilotScopeValue']")).ToContainTextAsync("Say which pair");

        await page.GetByLabel("Which pair, team or department").FillAsync("Product");
        await page.GetByLabel("Mode").SelectOptionAsync(new SelectOptionValue { Label = "Mentees choose their mentor" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Matching settings saved. They apply from the next run.");
        await page.GetByText("Settings: mentees choose their mentor").ClickAsync();
        await Expect(page.GetByText("Pilot: One department (Product)")).ToBeVisibleAsync();
    }

    private static ILocator Line(IPage page, string mentee) =>
        page.Locator("section[aria-labelledby='matched-heading'] tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = mentee, Exact = true }) });

    private static async Task<(string Mentee, string Mentor)> Pair(ILocator line) =>
        ((await line.Locator("td").Nth(0).Locator("a").TextContentAsync())!.Trim(), (await line.Locator("td").Nth(1).Locator("a").TextContentAsync())!.Trim());
}
