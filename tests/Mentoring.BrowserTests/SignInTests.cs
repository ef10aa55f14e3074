using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed partial class SignInTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_wrong_password_shows_an_error_and_stays_on_the_sign_in_page()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        // Signed out, the dashboard sends people to sign in and back.
        await Expect(page).ToHaveURLAsync(new Regex("/Account/SignIn\\?ReturnUrl=%2F$"));

        await page.GetByLabel("E-mail address").FillAsync("admin@demo.local");
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That e-mail address and password do not match an account.");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/SignIn"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in with single sign-on" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "sign-in-wrong-password");
    }

    [Fact]
    public async Task The_right_password_lands_on_the_dashboard_with_the_organisation_figures()
    {
        var page = await SignedInAsync("admin@demo.local");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, Morgan Ellis");
        var figures = page.Locator(".stat");
        await Expect(figures).ToHaveCountAsync(6);
        foreach (var label in new[] { "Active people", "Offices", "Programs active", "Mentors enrolled", "Mentees enrolled", "Juniors in no active program" })
        {
            var figure = figures.Filter(new() { HasText = label });
            await Expect(figure.Locator(".stat-value")).ToHaveTextAsync(Number());
        }
        await Expect(figures.Filter(new() { HasText = "Offices" }).Locator(".stat-value")).ToHaveTextAsync("3");
        await Expect(figures.Filter(new() { HasText = "Mentors enrolled" }).Locator(".stat-value")).ToHaveTextAsync("40");
        await Expect(figures.Filter(new() { HasText = "Mentees enrolled" }).Locator(".stat-value")).ToHaveTextAsync("90");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Active people per level, and how many are in no active program" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hybrid Mentoring 2026" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "dashboard");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/SignIn$"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/SignIn\\?ReturnUrl=%2F$"));
    }

    [Fact]
    public async Task At_phone_width_the_nav_folds_behind_a_menu_button()
    {
        var page = await SignedInAsync("admin@demo.local", phone: true);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });

        await Expect(nav).ToBeHiddenAsync();
        await Expect(page.Locator(".stat")).ToHaveCountAsync(6);
        await ScreenshotAsync(page, "dashboard-phone");

        await menu.ClickAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "People" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "dashboard-phone-menu");
    }

    [GeneratedRegex(@"^\d[\d,]*$")]
    private static partial Regex Number();
}
