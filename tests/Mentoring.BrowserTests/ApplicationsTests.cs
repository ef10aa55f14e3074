using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class ApplicationsTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_admin_opens_a_program_a_mentee_applies_from_their_home_page_and_the_admin_approves()
    {
        var admin = await SignedInAsync("admin@demo.local");
        await admin.GotoAsync("/Programs/Edit");
        await admin.GetByLabel("Name").FillAsync("Speak Up 2027");
        await admin.GetByLabel("Purpose").FillAsync("Quiet juniors find their voice in meetings, with a senior who has been there.");
        await admin.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Mentoring" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create program" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex(@"/Programs/\d+$"));
        var programId = int.Parse(new Uri(admin.Url).AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        // The admin builds the form and opens the program.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Applications" }).First.ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Edit the form" }).ClickAsync();
        await admin.GetByLabel("Open for applications").CheckAsync();
        await admin.GetByLabel("I approve each one").CheckAsync();
        await admin.GetByLabel("Mentee places").FillAsync("5");
        await admin.GetByLabel("Mentor places").FillAsync("0");
        await admin.GetByLabel("Participant places").FillAsync("0");
        await admin.Locator("#q0-text").FillAsync("What do you hope to learn?");
        await admin.Locator("#q0-kind").SelectOptionAsync(new SelectOptionValue { Label = "Long text" });
        await admin.Locator("#q0-maps").SelectOptionAsync(new SelectOptionValue { Label = "Their goals" });
        await admin.Locator("#q0-required").CheckAsync();
        await admin.Locator("#q1-text").FillAsync("Which topics interest you?");
        await admin.Locator("#q1-kind").SelectOptionAsync(new SelectOptionValue { Label = "Several choices" });
        await admin.Locator("#q1-options").FillAsync("Negotiation\nPublic speaking\nWriting");
        await admin.Locator("#q1-maps").SelectOptionAsync(new SelectOptionValue { Label = "Their interests" });
        await admin.Locator("#q2-text").FillAsync("How confident do you feel speaking in meetings?");
        await admin.Locator("#q2-kind").SelectOptionAsync(new SelectOptionValue { Label = "A scale from 1 to 5" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the form" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("The form is saved and the program is open for applications.");

        // The mentee finds it on their home page and applies in a few clicks.
        var mentee = await SignedInAsync("mentee@demo.local");
        await mentee.GotoAsync("/");
        var offer = mentee.Locator($"li[data-program='{programId}']");
        await Expect(offer).ToContainTextAsync("Speak Up 2027");
        await offer.GetByRole(AriaRole.Link, new() { Name = "Apply" }).ClickAsync();
        await Expect(mentee).ToHaveURLAsync(new Regex($"/Applications/{programId}$"));
        // The required answer is asked for before anything is sent.
        await mentee.GetByRole(AriaRole.Button, new() { Name = "Send my application" }).ClickAsync();
        await Expect(mentee).ToHaveURLAsync(new Regex($"/Applications/{programId}$"));
        await Expect(mentee.GetByRole(AriaRole.Heading, new() { Name = "Your application" })).ToHaveCountAsync(0);
        await mentee.GetByLabel("What do you hope to learn?").FillAsync("To say what I think in design reviews without rehearsing it for a week.");
        await mentee.GetByLabel("Public speaking").CheckAsync();
        await mentee.GetByRole(AriaRole.Group, new() { Name = "How confident" }).GetByLabel("2").CheckAsync();
        await ScreenshotAsync(mentee, "apply");
        var phone = await SignedInAsync("mentee@demo.local", phone: true);
        await phone.GotoAsync(mentee.Url);
        await ScreenshotAsync(phone, "apply-phone");
        await mentee.GetByRole(AriaRole.Button, new() { Name = "Send my application" }).ClickAsync();
        await Expect(mentee.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your application is in. The program admin will let you know.");
        await Expect(mentee.Locator("[data-status]")).ToHaveTextAsync("Submitted");

        // The admin reads the answers and approves.
        await admin.GotoAsync($"/Programs/{programId}/Applications");
        var application = admin.Locator("li.application").Filter(new() { HasText = "design reviews" });
        await Expect(application).ToContainTextAsync("Public speaking");
        await Expect(admin.Locator("tr[data-role=mentee]")).ToContainTextAsync("5");
        await ScreenshotAsync(admin, "applications-review");
        var adminPhone = await SignedInAsync("admin@demo.local", phone: true);
        await adminPhone.GotoAsync(admin.Url);
        await ScreenshotAsync(adminPhone, "applications-review-phone");
        await application.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Approve") }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync(": approved.");
        await Expect(admin.Locator("li.application [data-status]").First).ToHaveTextAsync("Approved");

        // The mentee sees it approved on their home page.
        await mentee.GotoAsync("/");
        await Expect(mentee.Locator($"li[data-program='{programId}'] [data-status]")).ToHaveTextAsync("Approved");
    }
}
