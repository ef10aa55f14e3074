using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class PeopleTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task Searching_by_name_filters_the_list_and_the_person_page_opens_from_it()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "People" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "People", Level = 1 })).ToBeVisibleAsync();
        var everyone = await CountAsync(page);
        Assert.True(everyone >= 330, $"the demo roster has 330 people, the list says {everyone}");
        // The first rows are enough to see the list; all fifty make a very tall picture.
        await ScreenshotAsync(page, "people", fullPage: false);

        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("Patel");
        await page.GetByLabel("Search", new() { Exact = true }).PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/People\?q=Patel$"));
        var names = page.Locator("tbody tr td a[href^='/People/']");
        await Expect(names.First).ToBeVisibleAsync();
        var matches = await CountAsync(page);
        Assert.InRange(matches, 1, everyone - 1);
        Assert.All(await names.AllInnerTextsAsync(), name => Assert.Contains("Patel", name, StringComparison.Ordinal));
        await Expect(page.GetByLabel("Search", new() { Exact = true })).ToHaveValueAsync("Patel");

        // A filter narrows the search further and both stay in the address.
        await page.GetByLabel("Level").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"q=Patel.*level=1"));
        Assert.True(await CountAsync(page) <= matches);
        await Expect(page.Locator("tbody tr td.num")).ToHaveTextAsync(Enumerable.Repeat("1", await page.Locator("tbody tr").CountAsync()).ToArray());

        var first = names.First;
        var name = await first.InnerTextAsync();
        await first.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/People/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reporting line" })).ToBeVisibleAsync();
        await page.GetByText("HR attributes").ClickAsync();
        await ScreenshotAsync(page, "person");
    }

    [Fact]
    public async Task Paging_moves_through_the_list_and_keeps_the_filters()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/People?department=Engineering");
        var total = await CountAsync(page);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("page 1 of");

        await page.GotoAsync("/People");
        var pages = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages of people" });
        await pages.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/People\?p=2$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Showing 51–100, page 2 of");
        await Expect(pages.GetByRole(AriaRole.Link, new() { Name = "Page 2" })).ToHaveAttributeAsync("aria-current", "page");

        await page.GotoAsync("/People?level=1");
        await pages.GetByRole(AriaRole.Link, new() { Name = "Page 2" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/People\?level=1&p=2$"));
        await Expect(page.GetByLabel("Level")).ToHaveValueAsync("1");
        await Expect(pages.GetByRole(AriaRole.Link, new() { Name = "Previous" })).ToHaveAttributeAsync("href", "/People?level=1");
        Assert.True(total > 0);
    }

    [Fact]
    public async Task A_mentee_is_denied_the_people_pages_and_does_not_see_them_in_the_nav()
    {
        var page = await SignedInAsync("mentee@demo.local");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "People" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Programs" })).ToBeVisibleAsync();
        // A mentee sees their own programs, not the organisation's figures.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your programs" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" })).ToBeVisibleAsync();
        await Expect(page.Locator(".stats")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "dashboard-mentee");

        foreach (var path in new[] { "/People", "/People/1", "/People/Import", "/Offices" })
        {
            var response = await page.GotoAsync(path);
            await Expect(page).ToHaveURLAsync(new Regex("/Account/Denied"));
            Assert.Equal(403, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page" })).ToBeVisibleAsync();
        }
        await ScreenshotAsync(page, "denied");
    }

    /// <summary>The total in the list's status line ("1,234 people").</summary>
    private static async Task<int> CountAsync(IPage page)
    {
        var text = await page.GetByRole(AriaRole.Status).Locator("strong").InnerTextAsync();
        return int.Parse(text.Split(' ')[0].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }
}
