using Microsoft.Playwright;

namespace Mentoring.BrowserTests;

/// <summary>
/// A test that opens browser pages from the shared fixture; the browser contexts it opened are
/// closed when it ends, so no page of one test keeps running during the next.
/// </summary>
public abstract class BrowserTest(AppFixture app) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];

    protected AppFixture App { get; } = app;

    protected async Task<IPage> NewPageAsync(bool phone = false) => Track(await App.NewPageAsync(phone));

    protected async Task<IPage> SignedInAsync(string email, bool phone = false) => Track(await App.SignedInAsync(email, phone));

    protected Task ScreenshotAsync(IPage page, string name, bool fullPage = true) => App.ScreenshotAsync(page, name, fullPage);

    /// <summary>The name the dashboard welcomes: a demo account carries its person's name.</summary>
    protected static async Task<string> WelcomedNameAsync(IPage page) =>
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync())!.Replace("Welcome, ", "", StringComparison.Ordinal).Trim();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }

    private IPage Track(IPage page)
    {
        contexts.Add(page.Context);
        return page;
    }
}
