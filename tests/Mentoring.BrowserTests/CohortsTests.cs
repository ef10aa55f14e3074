using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class CohortsTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_mentee_posts_a_private_victory_for_their_mentor_kudos_and_a_stand_up_from_My_mentoring()
    {
        var mentor = await SignedInAsync("mentor@demo.local");
        var mentorName = await WelcomedNameAsync(mentor);
        var page = await SignedInAsync("mentee@demo.local");
        await page.GotoAsync("/Me");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026: board" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Programs/\d+/Board$"));
        var board = page.Url;

        // The share list is there only for a private victory.
        var share = page.GetByRole(AriaRole.Checkbox, new() { Name = mentorName });
        await Expect(share).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Post the victory" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Victory.Text']")).ToHaveTextAsync("Say what you achieved.");

        var marker = "browser-private-" + Guid.NewGuid().ToString("N")[..8];
        await page.GetByLabel("A victory to celebrate").FillAsync($"Led my first retro ({marker})");
        await page.GetByLabel("Only me and the people I choose").CheckAsync();
        await share.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Post the victory" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("only you and the people you chose see it");
        var victory = page.Locator(".board-item").Filter(new() { HasText = marker });
        await Expect(victory.Locator(".badge-private")).ToHaveTextAsync($"Private: shared with {mentorName}");

        await page.GetByLabel("Kudos to").SelectOptionAsync(new SelectOptionValue { Label = mentorName });
        await page.GetByLabel("For", new() { Exact = true }).FillAsync("For the candid feedback before the retro");
        await page.GetByRole(AriaRole.Button, new() { Name = "Give kudos" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your kudos are on the board.");
        await Expect(page.Locator("svg.cloud text", new() { HasText = "candid" })).ToBeVisibleAsync();

        await page.GetByLabel("What I did").FillAsync("Ran the retro");
        await page.GetByLabel("What I'll do").FillAsync("Write up the actions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post my stand-up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your stand-up for today is posted.");
        var standup = page.Locator(".board-item").Filter(new() { HasText = "Ran the retro" });
        await standup.GetByRole(AriaRole.Button, new() { Name = "Onwards" }).ClickAsync();
        await Expect(page.Locator(".board-item").Filter(new() { HasText = "Ran the retro" }).GetByRole(AriaRole.Button, new() { Name = "Onwards" }))
            .ToHaveAttributeAsync("aria-pressed", "true");
        await ScreenshotAsync(page, "cohort-board");
        var phone = await SignedInAsync("mentee@demo.local", phone: true);
        await phone.GotoAsync(board);
        await ScreenshotAsync(phone, "cohort-board-phone");

        // The mentor sees it; the admin, on the same board, does not.
        await mentor.GotoAsync(board);
        await Expect(mentor.Locator(".board-item").Filter(new() { HasText = marker })).ToBeVisibleAsync();
        var admin = await SignedInAsync("admin@demo.local");
        await admin.GotoAsync("/Programs");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Board", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Victories" })).ToBeVisibleAsync();
        Assert.DoesNotContain(marker, await admin.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_times_the_three_minute_life_story_and_an_admin_retires_a_guide()
    {
        var page = await SignedInAsync("mentee@demo.local");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dialogues", Exact = true }).First.ClickAsync();
        var story = page.Locator("article.dialogue").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "The three-minute life story" }) });
        await Expect(story.GetByRole(AriaRole.Timer)).ToHaveTextAsync("03:00");
        await story.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Expect(story.GetByRole(AriaRole.Timer)).ToHaveTextAsync(new Regex("^02:5\\d$"), new() { Timeout = 5000 });
        await story.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Expect(story.GetByRole(AriaRole.Button, new() { Name = "Resume" })).ToBeVisibleAsync();
        await story.GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();
        await Expect(story.GetByRole(AriaRole.Timer)).ToHaveTextAsync("03:00");
        await ScreenshotAsync(page, "dialogues");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "dialogues-phone");
        await page.SetViewportSizeAsync(1280, 900);
        Assert.Equal(403, (await page.GotoAsync("/Dialogues/Edit"))!.Status);

        var admin = await SignedInAsync("admin@demo.local");
        await admin.GotoAsync("/Dialogues");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Add a dialogue" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for='Input.Title']")).ToContainTextAsync("Is required");
        var title = "Strengths in three stories " + Guid.NewGuid().ToString("N")[..4];
        await admin.GetByLabel("Title").FillAsync(title);
        await admin.GetByLabel("Steps and questions").FillAsync("Tell three short stories of work you were proud of.\nYour partner names the strength in each.");
        await admin.GetByLabel("Stage").SelectOptionAsync(new SelectOptionValue { Label = "Middle" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"“{title}” is saved.");
        await admin.GetByRole(AriaRole.Button, new() { Name = $"Retire {title}" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("participants no longer see it");
        await page.GotoAsync("/Dialogues");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToHaveCountAsync(0);
    }
}
