using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class NotificationsTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_mentee_chooses_quiet_hours_a_weekly_digest_and_what_they_hear_about()
    {
        var page = await SignedInAsync("mentee@demo.local");
        await page.GotoAsync("/Me");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "My notifications" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Me/Notifications$"));
        await Expect(page.GetByLabel("From")).ToHaveValueAsync("20:00");
        await Expect(page.GetByLabel("Until")).ToHaveValueAsync("08:00");
        await Expect(page.GetByLabel("Quiet all weekend")).ToBeCheckedAsync();

        // No channel at all is refused, in words, and nothing is saved.
        await page.GetByLabel("E-mail").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose at least one channel");

        await page.GetByLabel("E-mail").CheckAsync();
        await page.GetByLabel("Slack direct message").CheckAsync();
        await page.GetByLabel("From").FillAsync("21:30");
        await page.GetByLabel("Until").FillAsync("07:45");
        await page.GetByLabel("Quiet all weekend").UncheckAsync();
        await page.GetByLabel("What is not urgent").SelectOptionAsync("Weekly");
        await page.GetByLabel("coffee roulette introductions and questions").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.GetByLabel("From")).ToHaveValueAsync("21:30");
        await Expect(page.GetByLabel("Until")).ToHaveValueAsync("07:45");
        await Expect(page.GetByLabel("Quiet all weekend")).Not.ToBeCheckedAsync();
        await Expect(page.GetByLabel("Slack direct message")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("What is not urgent")).ToHaveValueAsync("Weekly");
        await Expect(page.GetByLabel("coffee roulette introductions and questions")).Not.ToBeCheckedAsync();
        await Expect(page.GetByLabel("reminders before sessions")).ToBeCheckedAsync();
        await ScreenshotAsync(page, "my-notifications");

        var phone = await SignedInAsync("mentee@demo.local", phone: true);
        await phone.GotoAsync("/Me/Notifications");
        var width = await phone.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"nothing runs off a phone's screen (the page is {width}px wide)");
        await ScreenshotAsync(phone, "my-notifications-phone");
    }

    [Fact]
    public async Task An_admin_edits_a_template_a_broken_one_is_refused_by_line_and_the_preview_uses_a_real_person()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Messages" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Messages", Level = 1 })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "messages", fullPage: false);
        await page.GetByRole(AriaRole.Link, new() { Name = "Message templates" }).ClickAsync();
        await page.GetByLabel("Message", new() { Exact = true }).SelectOptionAsync("session-reminder");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(page.GetByLabel("Subject")).ToHaveValueAsync("In {{ hours }} h: {{ session.title }}");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("session.when");

        await page.GetByLabel("Plain text").FillAsync("Hello {{ person.first_name }},\n\nsee you soon.\n{% if hours > %}soon{% endif %}\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The plain text does not parse, line 4");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The last saved template keeps sending");

        // The preview frame shows the template that sends now, with a real person's data, before anything is pressed.
        var person = (await page.GetByLabel("Preview with").Locator("option").First.TextContentAsync())!.Trim();
        var first = person.Split(' ')[0];
        var frame = page.FrameLocator("iframe[name='template-preview']");
        await Expect(frame.Locator(".meta").First).ToHaveTextAsync("To " + person);
        await Expect(frame.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("In 24 h: ");
        await Expect(frame.Locator("body")).ToContainTextAsync("Hello " + first + ",");
        await Expect(frame.Locator("body")).ToContainTextAsync("A reminder:");

        // Preview shows the draft in the frame; a draft that does not parse says why there.
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(frame.Locator("body")).ToContainTextAsync("The plain text, line 4");
        await page.GetByLabel("Plain text").FillAsync("Hello {{ person.first_name }},\n\n{{ session.title }} starts in {{ hours }} hours.\n");
        await page.GetByLabel("Subject").FillAsync("Soon, {{ person.first_name }}: {{ session.title }}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(frame.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Soon, " + first + ": ");
        await Expect(frame.Locator("pre")).ToContainTextAsync("Hello " + first + ",");
        await Expect(frame.Locator("pre")).ToContainTextAsync("starts in 24 hours.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.GetByLabel("Plain text")).ToHaveValueAsync(new Regex("starts in \\{\\{ hours \\}\\} hours"));
        await Expect(frame.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Soon, " + first + ": ");
        // The frame's own document is painted only where the window shows it.
        await page.Locator("iframe[name='template-preview']").ScrollIntoViewIfNeededAsync();
        await Expect(frame.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeInViewportAsync();
        await ScreenshotAsync(page, "message-templates-preview", fullPage: false);
        await ScreenshotAsync(page, "message-templates");
        var phone = await SignedInAsync("admin@demo.local", phone: true);
        await phone.GotoAsync(page.Url);
        await Expect(phone.FrameLocator("iframe[name='template-preview']").GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Soon, ");
        await phone.Locator("iframe[name='template-preview']").ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync(phone, "message-templates-preview-phone", fullPage: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Back to the default" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("back to its default");
    }

    [Fact]
    public async Task A_sessions_move_form_shows_the_session_and_refuses_a_time_that_has_passed()
    {
        // A week of its own, far ahead, planned through the schedule page; the session is opened from its Move link.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var monday = today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 + 7 * 70);
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/Programs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await page.GetByLabel("First day").FillAsync(monday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Last day").FillAsync(monday.AddDays(4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Time limit (seconds)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(Generate schedule|Re-plan)$") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Schedule generated" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var move = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Move ") }).First;
        var title = (await move.TextContentAsync())!["Move".Length..].Trim();
        await move.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Move a session");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = title })).ToBeVisibleAsync();
        // Nothing moves to the past; the form says so next to the day, and keeps what was typed.
        await page.GetByLabel("Day").FillAsync("2020-01-07");
        await page.GetByLabel("Starts at").FillAsync("12:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the session" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Date']")).ToContainTextAsync("has not passed yet");
        await Expect(page.GetByLabel("Day")).ToHaveValueAsync("2020-01-07");
        await ScreenshotAsync(page, "session-move");

        var phone = await SignedInAsync("admin@demo.local", phone: true);
        await phone.GotoAsync(page.Url);
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Move the session" })).ToBeVisibleAsync();
        var width = await phone.EvaluateAsync<double>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"nothing runs off a phone's screen (the page is {width}px wide)");
        await ScreenshotAsync(phone, "session-move-phone");
    }

    [Fact]
    public async Task A_programs_channels_are_set_on_its_notifications_page()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/Programs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Notifications" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Workflows webhook").FillAsync("not a webhook");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("A webhook is an https:// address");
        await page.GetByLabel("Workflows webhook").FillAsync("");
        await page.GetByLabel("Hours before each session").FillAsync("48, 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Expect(page.GetByLabel("Hours before each session")).ToHaveValueAsync("48, 2");
        await ScreenshotAsync(page, "program-notifications");
    }
}
