using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class MyMentoringTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_mentee_sees_their_mentor_and_why_declines_with_a_reason_and_the_admin_reads_it()
    {
        var page = await SignedInAsync("mentee@demo.local");
        var me = await WelcomedNameAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "My mentoring" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Me$"));

        var card = page.Locator("article.person-card").Filter(new() { HasText = "Your mentor" });
        await Expect(card).ToHaveCountAsync(1);
        var mentor = (await card.GetByRole(AriaRole.Heading, new() { Level = 3 }).TextContentAsync())!.Trim();
        await Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Why you were matched" })).ToBeVisibleAsync();
        await Expect(card.Locator(".reasons li").First).ToContainTextAsync(new Regex(@"share of the score: \d+%"));
        await Expect(card).ToContainTextAsync("Time zone");
        await ScreenshotAsync(page, "my-mentoring");

        // A decline needs a reason, said next to the field.
        await card.GetByText("Decline this match").ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Decline the match" }).ClickAsync();
        card = page.Locator("article.person-card").Filter(new() { HasText = "Your mentor" });
        await Expect(card.Locator(".field-validation-error")).ToContainTextAsync("Say in a few words why you decline");
        const string reason = "We work twelve hours apart and I need someone I can meet in the office.";
        await card.GetByLabel("Why do you decline?").FillAsync(reason);
        await card.GetByRole(AriaRole.Button, new() { Name = "Decline the match" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The match is declined");
        await Expect(page.Locator("article.person-card").Filter(new() { HasText = mentor })).ToContainTextAsync("Declined");

        var admin = await SignedInAsync("admin@demo.local");
        await admin.GotoAsync("/Programs");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Matching", Exact = true }).ClickAsync();
        var decline = admin.Locator("section[aria-labelledby='declines-heading'] tbody tr").Filter(new() { HasText = reason });
        await Expect(decline).ToHaveCountAsync(1);
        await Expect(decline.Locator("td")).ToHaveTextAsync([me, mentor, me, reason]);
    }

    [Fact]
    public async Task My_mentoring_at_phone_width_is_one_column()
    {
        var page = await SignedInAsync("mentor@demo.local", phone: true);
        await page.GotoAsync("/Me");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My mentorships" })).ToBeVisibleAsync();
        var cards = page.Locator("article.person-card");
        await Expect(cards.First).ToBeVisibleAsync();
        var width = await cards.First.EvaluateAsync<double>("e => e.getBoundingClientRect().width");
        Assert.True(width > 330, $"a card fills the phone's width (it is {width}px)");
        await ScreenshotAsync(page, "my-mentoring-phone");
    }
}
