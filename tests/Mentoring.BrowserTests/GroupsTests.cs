using System.Globalization;
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

    [Fact]
    public async Task A_lunch_composed_with_a_day_and_start_time_has_that_one_time_on_its_page_and_the_schedule()
    {
        // A Thursday well after the weeks the scheduling tests plan.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var monday = Enumerable.Range(1, 7).Select(today.AddDays).First(d => d.DayOfWeek == DayOfWeek.Monday).AddDays(7 * 8);
        var thursday = monday.AddDays(3);
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/Programs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Group formats" }).ClickAsync();
        var groupsUrl = page.Url;

        await page.GetByLabel("Format").SelectOptionAsync(new SelectOptionValue { Label = "Group lunch" });
        await page.GetByLabel("Title").FillAsync("Thursday lunch");
        await page.GetByLabel("Date").FillAsync(thursday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Start time").FillAsync("12:30");
        var first = page.GetByLabel("Host 1", new() { Exact = true });
        await first.SelectOptionAsync(new SelectOptionValue { Index = 3 });
        var host = await SelectedNameAsync(first);
        await page.GetByLabel("Members with host 1").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compose groups" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 group composed");

        // The group's page: its day, its start time and an hour for a lunch, in its host's office.
        var day = thursday.ToString("ddd d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        await page.GetByRole(AriaRole.Link, new() { Name = $"Thursday lunch: {host}" }).ClickAsync();
        await Expect(page.Locator(".lead")).ToContainTextAsync($"{day}, 12:30–13:30");
        await Expect(page.Locator(".lead")).ToContainTextAsync(" office");

        // The schedule books it then, not at a time of its own choosing.
        await page.GotoAsync(groupsUrl.Replace("/Groups", "/Schedule", StringComparison.Ordinal));
        await page.GetByLabel("First day").FillAsync(monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Last day").FillAsync(monday.AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Time limit (seconds)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(Generate schedule|Re-plan)$") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Schedule generated" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var thatDay = page.GetByRole(AriaRole.Region, new() { Name = day, Exact = true });
        var row = page.Locator(".sessions-table tbody tr").Filter(new() { HasText = $"Thursday lunch: {host}" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td").First).ToContainTextAsync("12:30–13:30");
        await Expect(thatDay.Locator(".sessions-table tbody tr").Filter(new() { HasText = $"Thursday lunch: {host}" })).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "schedule-group-time");
    }

    private static async Task<string> SelectedNameAsync(ILocator select) =>
        (await select.Locator("option:checked").TextContentAsync())!.Split(" · ")[0].Trim();
}
