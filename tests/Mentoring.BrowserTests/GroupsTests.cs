using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class GroupsTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_admin_composes_a_group_lunch_with_two_hosts_and_sees_the_members()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/Programs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Group formats" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Programs/\d+/Groups$"));

        // Without a host there is nothing to compose: the rule is said next to the hosts.
        await page.GetByRole(AriaRole.Button, new() { Name = "Compose groups" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Hosts']")).ToHaveTextAsync("Name at least one host.");

        await page.GetByLabel("Format").SelectOptionAsync(new SelectOptionValue { Label = "Group lunch" });
        await page.GetByLabel("Title").FillAsync("December lunch");
        await page.GetByLabel("Date").FillAsync("2026-12-10");
        var first = page.GetByLabel("Host 1", new() { Exact = true });
        var second = page.GetByLabel("Host 2", new() { Exact = true });
        await first.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await second.SelectOptionAsync(new SelectOptionValue { Index = 2 });
        var hosts = new[] { await SelectedNameAsync(first), await SelectedNameAsync(second) };
        await page.GetByLabel("Members with host 1").FillAsync("3");
        await page.GetByLabel("Members with host 2").FillAsync("4");
        await ScreenshotAsync(page, "groups-compose");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compose groups" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 groups composed: 7 people placed");
        foreach (var (host, size) in hosts.Zip([3, 4]))
        {
            var group = page.Locator("section.panel").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = $"December lunch: {host}" }) });
            await Expect(group.Locator("tbody tr")).ToHaveCountAsync(size);
            await Expect(group.Locator("tbody tr td[data-label='Member'] a").First).ToHaveTextAsync(new Regex(@"\w+ \w+"));
        }
        await ScreenshotAsync(page, "groups");

        // The group's own page: its members in the host's order, with their goals.
        await page.GetByRole(AriaRole.Link, new() { Name = $"December lunch: {hosts[1]}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"December lunch: {hosts[1]}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members and their goals (4 of 4)" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "group");

        // Someone outside the group finds nothing there.
        var mentor = await SignedInAsync("mentor@demo.local");
        var response = await mentor.GotoAsync(page.Url);
        Assert.Equal(404, response!.Status);
    }

    private static async Task<string> SelectedNameAsync(ILocator select) =>
        (await select.Locator("option:checked").TextContentAsync())!.Split(" · ")[0].Trim();
}
