using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Mentoring.BrowserTests;

/// <summary>
/// The real app, started in this process on a free loopback port with its own SQLite file and the
/// demo organisation, and one headless Chromium (Debian's: Playwright's download does not work
/// here) that every test opens its own browser context in.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string Password = "mentoring-demo";

    private readonly string database = Path.Combine(Path.GetTempPath(), $"mentoring-browser-{Guid.NewGuid():N}.db");
    private WebApplication? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The app's services, to read what it wrote (the outbox's e-mails) where a browser cannot.</summary>
    public IServiceProvider Services => app!.Services;

    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        app = MentoringWebApp.Create([
            "--urls", "http://127.0.0.1:0",
            $"--ConnectionStrings:Mentoring=Data Source={database}",
            "--Demo:Seed=true",
            "--Logging:LogLevel:Default=Warning",
            // Rounds are drawn by the tests ("Run a round now"), not by the schedule, whatever the day.
            "--Jobs:Enabled=false",
            "--Reports:WarmUp=false",
        ]);
        await Startup.InitializeAsync(app.Services);
        await app.StartAsync();
        BaseUrl = app.Urls.Single();

        Directory.CreateDirectory(ScreenshotDirectory);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser (no cookies) at desktop size, or phone size when asked.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A browser signed in through the sign-in page as one of the demo accounts.</summary>
    public async Task<IPage> SignedInAsync(string email, bool phone = false)
    {
        var page = await NewPageAsync(phone);
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        try
        {
            // A polling assertion: it cannot miss a redirect that lands before it starts.
            await Assertions.Expect(page).ToHaveURLAsync(BaseUrl + "/");
        }
        catch (PlaywrightException e)
        {
            await ScreenshotAsync(page, "sign-in-failed-" + email);
            throw new InvalidOperationException($"Signing in as {email} did not reach the dashboard; {page.Url} says: {await page.InnerTextAsync("main")}", e);
        }
        return page;
    }

    /// <summary>Saves the page (by default all of it, not just the window) as bin/…/screenshots/{name}.png, to look at after a run.</summary>
    public Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = fullPage });

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
