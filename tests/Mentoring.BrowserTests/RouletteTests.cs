using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class RouletteTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_admin_runs_a_round_now_and_a_participants_answer_moves_the_meeting_rate()
    {
        // The mentee opts in to the coffee roulette from My mentoring.
        var mentee = await SignedInAsync("mentee@demo.local");
        var name = await WelcomedNameAsync(mentee);
        await mentee.GotoAsync("/Me");
        var coffee = mentee.Locator("section[aria-labelledby='coffee-heading'] .panel").Filter(new() { HasText = "Virtual Coffee Roulette" });
        await coffee.GetByLabel("Put me in the draw").CheckAsync();
        await coffee.GetByLabel("Meet people from other offices").CheckAsync();
        await coffee.GetByLabel("Meet people from other departments").CheckAsync();
        await coffee.GetByLabel("Meet people of other levels").CheckAsync();
        await coffee.GetByLabel("Pause until").FillAsync("");
        await coffee.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(Save|Join)$") }).ClickAsync();
        await Expect(mentee.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved. You are in the next draw.");

        var admin = await SignedInAsync("admin@demo.local");
        await admin.GotoAsync("/Programs");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Virtual Coffee Roulette" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Coffee roulette", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex(@"/Programs/\d+/Roulette$"));
        var rouletteUrl = admin.Url;
        await admin.GetByRole(AriaRole.Button, new() { Name = "Run a round now" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("is drawn");
        var round = admin.Locator("section[aria-labelledby='rounds-heading'] tbody tr").Filter(new() { HasText = "Run by hand" });
        await Expect(round).ToHaveCountAsync(1);
        var met = round.Locator("td[data-label='Met']");
        await Expect(met).ToHaveTextAsync("0%");
        await Expect(round.Locator("td[data-label='Answered']")).ToHaveTextAsync("0%");
        // A period has one round: running it again says when this one was drawn and when the next is.
        await Expect(admin.GetByText("A period has one round, drawn by hand or on schedule.")).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Run a round now" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync(new Regex("This period's round was drawn on .+; the next is drawn on "));
        await Expect(round).ToHaveCountAsync(1);

        // The mentee finds the coffee with their partner, a starter and a call link, and says they met.
        await mentee.GotoAsync("/Me");
        coffee = mentee.Locator("section[aria-labelledby='coffee-heading'] .panel").Filter(new() { HasText = "Virtual Coffee Roulette" });
        var latest = coffee.Locator("tbody tr").First;
        await Expect(latest.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Join the call") })).ToHaveAttributeAsync("href", new Regex("^https://"));
        await latest.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Yes, I met ") }).ClickAsync();
        await Expect(mentee.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks: glad you met.");
        await Expect(coffee.Locator("tbody tr").First.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Yes, I met ") }))
            .ToHaveAttributeAsync("aria-pressed", "true");
        await ScreenshotAsync(mentee, "my-coffees");

        // An unticked preference is saved as such.
        await coffee.GetByLabel("Meet people of other levels").UncheckAsync();
        await coffee.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(mentee.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved. You are in the next draw.");
        await Expect(coffee.GetByLabel("Meet people of other levels")).Not.ToBeCheckedAsync();
        await Expect(coffee.GetByLabel("Meet people from other departments")).ToBeCheckedAsync();

        await admin.GotoAsync(rouletteUrl);
        await Expect(met).Not.ToHaveTextAsync("0%");
        await Expect(met).ToHaveTextAsync(new Regex(@"^\d+%$"));
        await Expect(admin.GetByRole(AriaRole.Img, new() { Name = "Pairs per round, and how many met" })).ToBeVisibleAsync();
        await ScreenshotAsync(admin, "roulette");

        // The round's own page shows the answer against the mentee's name.
        await round.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Round of");
        await Expect(admin.Locator("tbody li").Filter(new() { HasText = name })).ToContainTextAsync("· met");
        await ScreenshotAsync(admin, "roulette-round");
    }

    [Fact]
    public async Task Roulette_settings_need_the_call_link_in_the_introduction()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/Programs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Virtual Coffee Roulette" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Coffee roulette", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Roulette settings" }).ClickAsync();

        var introduction = page.GetByLabel("Introduction");
        var original = await introduction.InputValueAsync();
        await introduction.FillAsync("Hi {names}, meet for a coffee!");
        await page.GetByLabel("Time zone").FillAsync("Europe/Atlantis");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.TimeZone']")).ToHaveTextAsync("Unknown time zone \"Europe/Atlantis\".");

        await page.GetByLabel("Time zone").FillAsync("Europe/London");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.IntroductionTemplate']")).ToHaveTextAsync("The introduction must contain {link}, the call link.");
        await ScreenshotAsync(page, "roulette-settings-error");

        await page.GetByLabel("Introduction").FillAsync(original);
        await page.GetByLabel("Draw day").SelectOptionAsync("Tuesday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Roulette settings saved. They apply from the next draw.");
        await Expect(page.GetByText(new Regex("every two weeks on Tuesday at 09:00"))).ToBeVisibleAsync();
    }
}
