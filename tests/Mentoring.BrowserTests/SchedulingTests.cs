using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

/// <summary>
/// Scheduling through the pages. Each test plans its own fortnight of "Hybrid Mentoring 2026", so the
/// tests do not depend on each other's order.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SchedulingTests(AppFixture app) : BrowserTest(app)
{
    private const string Program = "Hybrid Mentoring 2026";
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public async Task An_admin_generates_a_schedule_and_sees_sessions_by_day_and_office_days_per_senior()
    {
        var page = await SignedInAsync("admin@demo.local");
        await OpenScheduleAsync(page);
        var (from, to) = Fortnight(0);
        // The form offers the next two working weeks.
        await Expect(page.GetByLabel("First day")).ToHaveValueAsync(Iso(from));
        await Expect(page.GetByLabel("Last day")).ToHaveValueAsync(Iso(from.AddDays(11)));
        await ScreenshotAsync(page, "schedule-empty");

        await PlanAsync(page, from, to);
        var status = PlanResult(page);
        await Expect(status).ToContainTextAsync(new Regex(@"\d+ sessions? planned, 0 accepted sessions kept"));
        await Expect(status).ToContainTextAsync(new Regex("Hosts come in on \\d+ office days?"));
        await Expect(status).ToContainTextAsync(new Regex("best possible plan|ran out of time"));

        var rows = page.Locator(".sessions-table tbody tr");
        Assert.True(await rows.CountAsync() > 0);
        await Expect(page.Locator(".day-heading").First).ToHaveTextAsync(new Regex(@"^(Mon|Tue|Wed|Thu|Fri) \d+ \w+ 2026$"));
        await Expect(rows.First).ToContainTextAsync(new Regex(@"\d\d:\d\d–\d\d:\d\d (Europe|America|Asia)/"));
        await Expect(rows.First.Locator(".badge")).ToHaveTextAsync("Proposed");
        await Expect(page.Locator(".sessions-table").First).ToContainTextAsync("not answered yet");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Re-plan" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Re-planning keeps every accepted session")).ToBeVisibleAsync();

        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Office days per senior: this program against a three-day mandate" });
        await Expect(chart).ToBeVisibleAsync();
        Assert.True(await chart.Locator(".bar-total").CountAsync() > 0);
        await Expect(page.Locator(".chart-legend")).ToContainTextAsync("Three-day mandate");
        await Expect(page.Locator(".stats")).ToContainTextAsync("A three-day mandate would ask");
        await ScreenshotAsync(page, "schedule-full");
        await ScreenshotAsync(page, "schedule", fullPage: false);
        await chart.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(page, "schedule-chart", fullPage: false);

        var phone = await SignedInAsync("admin@demo.local", phone: true);
        await phone.GotoAsync(page.Url);
        await Expect(phone.Locator(".sessions-table").First).ToBeVisibleAsync();
        await ScreenshotAsync(phone, "schedule-phone");
    }

    [Fact]
    public async Task A_session_the_mentee_accepts_is_kept_when_the_admin_plans_again_and_the_others_are_replaced()
    {
        var admin = await SignedInAsync("admin@demo.local");
        await OpenScheduleAsync(admin);
        var programId = Regex.Match(admin.Url, @"/Programs/(\d+)/").Groups[1].Value;
        var (from, to) = Fortnight(2);
        await PlanAsync(admin, from, to);
        var before = await SessionsAsync(admin, programId, from, to);

        var mentee = await SignedInAsync("mentee@demo.local");
        await mentee.GetByRole(AriaRole.Link, new() { Name = "My sessions" }).ClickAsync();
        var card = mentee.Locator("li.session").Filter(new() { HasTextRegex = DaysPattern(from, to) });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card.Locator(".badge")).ToHaveTextAsync("Proposed");
        var title = await card.GetByRole(AriaRole.Heading).InnerTextAsync();
        var when = await card.Locator("dd").First.InnerTextAsync();
        await ScreenshotAsync(mentee, "sessions-before");
        await card.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(mentee.GetByRole(AriaRole.Status)).ToContainTextAsync("Everyone has accepted");
        await Expect(card.Locator(".badge")).ToHaveTextAsync("Accepted");
        await Expect(card).ToContainTextAsync("Your answer: accepted.");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToHaveCountAsync(0);
        await ScreenshotAsync(mentee, "sessions-full");
        await ScreenshotAsync(mentee, "sessions", fullPage: false);

        await admin.ReloadAsync();
        await PlanAsync(admin, from, to, button: "Re-plan");
        await Expect(PlanResult(admin)).ToContainTextAsync("1 accepted session kept");
        var row = admin.Locator(".sessions-table tbody tr").Filter(new() { HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Accepted");
        await Expect(row).ToContainTextAsync("accepted");

        var after = await SessionsAsync(admin, programId, from, to);
        var kept = Assert.Single(after, s => s.Title == title);
        var original = Assert.Single(before, s => s.Title == title);
        Assert.Equal((original.Id, original.Date, original.Slot), (kept.Id, kept.Date, kept.Slot));
        Assert.Equal("accepted", kept.Status);
        // Every other proposal was withdrawn and planned anew.
        var others = before.Where(s => s.Id != kept.Id).Select(s => s.Id).ToHashSet();
        Assert.NotEmpty(others);
        Assert.DoesNotContain(after, s => others.Contains(s.Id));
        Assert.All(after.Where(s => s.Id != kept.Id), s => Assert.Equal("proposed", s.Status));

        await mentee.ReloadAsync();
        await Expect(card).ToContainTextAsync(when);
    }

    [Fact]
    public async Task A_mentee_makes_a_calendar_link_whose_feed_has_their_session_and_revoking_it_stops_the_feed()
    {
        var admin = await SignedInAsync("admin@demo.local");
        await OpenScheduleAsync(admin);
        var (from, to) = Fortnight(4);
        await PlanAsync(admin, from, to);

        var mentee = await SignedInAsync("mentee@demo.local");
        await mentee.GotoAsync("/Sessions");
        var card = mentee.Locator("li.session").Filter(new() { HasTextRegex = DaysPattern(from, to) });
        var title = await card.GetByRole(AriaRole.Heading).InnerTextAsync();

        await mentee.GetByRole(AriaRole.Button, new() { Name = "Create calendar link" }).ClickAsync();
        await Expect(mentee.GetByRole(AriaRole.Status)).ToContainTextAsync("Your calendar link is ready.");
        await Expect(mentee.GetByText("add it to Outlook or Google Calendar as a subscription", new() { Exact = false })).ToBeVisibleAsync();
        var url = await mentee.GetByLabel("Subscription link").InputValueAsync();
        Assert.Matches(new Regex(@"/calendar/[0-9a-f]{48}\.ics$"), url);

        // The feed is read anonymously, as a calendar app would.
        var anonymous = await NewPageAsync();
        var feed = await anonymous.APIRequest.GetAsync(url);
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("text/calendar", feed.Headers["content-type"], StringComparison.Ordinal);
        var ics = await feed.TextAsync();
        Assert.Contains("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:" + title.Replace(",", "\\,", StringComparison.Ordinal), ics, StringComparison.Ordinal);

        var download = await mentee.APIRequest.GetAsync("/Sessions?handler=Ics");
        Assert.StartsWith("text/calendar", download.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("attachment", download.Headers["content-disposition"], StringComparison.Ordinal);
        await ScreenshotAsync(mentee, "sessions-calendar");

        await mentee.GetByRole(AriaRole.Button, new() { Name = "Regenerate link" }).ClickAsync();
        await Expect(mentee.GetByRole(AriaRole.Status)).ToContainTextAsync("the old one no longer works");
        Assert.NotEqual(url, await mentee.GetByLabel("Subscription link").InputValueAsync());
        Assert.Equal(404, (await anonymous.APIRequest.GetAsync(url)).Status);

        await mentee.GetByRole(AriaRole.Button, new() { Name = "Revoke link" }).ClickAsync();
        await Expect(mentee.GetByRole(AriaRole.Status)).ToContainTextAsync("Your calendar link is revoked");
        await Expect(mentee.GetByRole(AriaRole.Button, new() { Name = "Create calendar link" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_mentor_declares_office_days_and_cannot_open_the_schedule_page()
    {
        var page = await SignedInAsync("mentor@demo.local", phone: true);
        await page.GotoAsync("/Sessions");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var day = Enumerable.Range(1, 7).Select(today.AddDays).First(d => d.DayOfWeek == DayOfWeek.Monday).ToString("ddd d MMM yyyy", EnGb);
        await page.GetByLabel("Unavailable on " + day).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save office days" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved 1 day");
        await Expect(page.GetByLabel("Unavailable on " + day)).ToBeCheckedAsync();
        await ScreenshotAsync(page, "sessions-phone");

        await page.GetByLabel("Not an office day by policy on " + day).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save office days" }).ClickAsync();
        await Expect(page.GetByLabel("Not an office day by policy on " + day)).ToBeCheckedAsync();

        await page.GotoAsync("/Programs");
        var href = await page.GetByRole(AriaRole.Link, new() { Name = Program }).GetAttributeAsync("href");
        var denied = await page.GotoAsync(href + "/Schedule");
        Assert.Equal(403, denied!.Status);
    }

    private static async Task OpenScheduleAsync(IPage page)
    {
        await page.GotoAsync("/Programs");
        await page.GetByRole(AriaRole.Link, new() { Name = Program }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Schedule");
    }

    /// <summary>
    /// The planning result's notice. The finished job's own notice (under "Done") is a status region too, and when the
    /// page shows both, a bare status locator matches two.
    /// </summary>
    private static ILocator PlanResult(IPage page) => page.GetByRole(AriaRole.Status, new() { Name = "Schedule generated" });

    private static async Task PlanAsync(IPage page, DateOnly from, DateOnly to, string? button = null)
    {
        await page.GetByLabel("First day").FillAsync(Iso(from));
        await page.GetByLabel("Last day").FillAsync(Iso(to));
        await page.GetByLabel("Time limit (seconds)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(button is null ? "^(Generate schedule|Re-plan)$" : "^" + button + "$") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Schedule generated" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    private sealed record Session(int Id, string Title, string Date, string Slot, string Status);

    private static async Task<List<Session>> SessionsAsync(IPage page, string programId, DateOnly from, DateOnly to)
    {
        var response = await page.APIRequest.GetAsync($"/api/programs/{programId}/schedule?from={Iso(from)}&to={Iso(to)}");
        Assert.Equal(200, response.Status);
        // The API lists withdrawn proposals too; the plan is what is not withdrawn.
        return JsonSerializer.Deserialize<List<Session>>(await response.TextAsync(), JsonSerializerOptions.Web)!.Where(s => s.Status != "cancelled").ToList();
    }

    /// <summary>Two working weeks, starting on the Monday some weeks after the coming one.</summary>
    private static (DateOnly From, DateOnly To) Fortnight(int weeksLater)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var monday = Enumerable.Range(1, 7).Select(today.AddDays).First(d => d.DayOfWeek == DayOfWeek.Monday).AddDays(7 * weeksLater);
        return (monday, monday.AddDays(11));
    }

    /// <summary>Any day of the period as the pages write it, to find a session by its date.</summary>
    private static Regex DaysPattern(DateOnly from, DateOnly to) =>
        new(string.Join('|', Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
            .Select(i => Regex.Escape(from.AddDays(i).ToString("ddd d MMM yyyy", EnGb)))));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
