using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class TokensTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task A_token_secret_is_shown_once_works_for_the_api_and_stops_working_when_revoked()
    {
        var page = await SignedInAsync("sponsor@demo.local");
        await page.GetByRole(AriaRole.Link, new() { Name = "API tokens" }).ClickAsync();
        await Expect(page.GetByText("You have no API tokens yet.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Name']")).ToContainTextAsync("Give the token a name");

        await page.GetByLabel("Token name").FillAsync("quarterly report");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var secret = await page.GetByLabel("Secret").InputValueAsync();
        Assert.StartsWith("mtk_", secret, StringComparison.Ordinal);
        await Expect(page.GetByText("It will not be shown again")).ToBeVisibleAsync();
        var row = page.Locator("tbody tr").Filter(new() { HasText = "quarterly report" });
        await Expect(row).ToContainTextAsync(secret[..12]);
        await Expect(row).ToContainTextAsync("Never");
        await ScreenshotAsync(page, "token-created");

        var me = await page.APIRequest.GetAsync("/api/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + secret } });
        Assert.Equal(200, me.Status);
        Assert.Contains("sponsor@demo.local", await me.TextAsync(), StringComparison.Ordinal);

        // Shown once: a fresh visit lists the token but not its secret.
        await page.GotoAsync("/Account/Tokens");
        await Expect(page.GetByLabel("Secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await Expect(row).Not.ToContainTextAsync("Never");

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke quarterly report" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The token is revoked");
        await Expect(row.Locator(".badge")).ToHaveTextAsync(new Regex("^Revoked "));
        var denied = await page.APIRequest.GetAsync("/api/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + secret } });
        Assert.Equal(401, denied.Status);
        await ScreenshotAsync(page, "tokens");
    }
}
