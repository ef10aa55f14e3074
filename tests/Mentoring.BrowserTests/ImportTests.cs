using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class ImportTests(AppFixture app) : BrowserTest(app)
{
    private const string Header = "EmployeeNumber,Name,Email,Department,JobRole,JobLevel,Office";

    [Fact]
    public async Task A_file_with_a_bad_row_shows_its_line_and_column_and_imports_nothing()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/People/Import");
        await ChooseFileAsync(page, "bad-roster.csv",
            Header,
            "B7001,Noor Rahman,noor.rahman@example.com,Engineering,Software Engineer,1,London",
            "B7002,Ola Berg,ola.berg@example.com,Engineering,Software Engineer,7,London",
            "B7003,Ines Duarte,ines.duarte@example.com,Design,Product Designer,2,Paris");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nothing was imported" })).ToBeVisibleAsync();
        var rows = page.GetByRole(AriaRole.Region, new() { Name = "Problems in the file" }).Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0).Locator("td")).ToHaveTextAsync(["3", "JobLevel", "\"7\" is not a level from 1 to 5"]);
        await Expect(rows.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync("4");
        await Expect(rows.Nth(1).Locator("td").Nth(1)).ToHaveTextAsync("Office");
        await Expect(rows.Nth(1).Locator("td").Nth(2)).ToContainTextAsync("unknown office \"Paris\"");
        // No way to go on with a bad file: only a new upload.
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Import ") })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "import-errors");

        // Nothing was written, not even the good first row.
        await page.GotoAsync("/People?q=B700&status=all");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("0 people");
    }

    [Fact]
    public async Task A_good_file_is_previewed_then_imported_with_a_live_status_and_summary()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/People/Import");
        await ChooseFileAsync(page, "new-starters.csv",
            Header,
            "G8001,Amara Obi,amara.obi@example.com,Engineering,Software Engineer,1,London",
            "G8002,Tomas Lind,tomas.lind@example.com,Sales,Account Executive,2,New York",
            "G8003,Meera Nair,meera.nair@example.com,Design,Junior Designer,1,Bengaluru");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ready to import new-starters.csv" })).ToBeVisibleAsync();
        var figures = page.Locator(".stat");
        await Expect(figures.Filter(new() { HasText = "New people" }).Locator(".stat-value")).ToHaveTextAsync("3");
        await Expect(figures.Filter(new() { HasText = "People updated" }).Locator(".stat-value")).ToHaveTextAsync("0");
        await ScreenshotAsync(page, "import-preview");

        // The preview wrote nothing.
        var check = await SignedInAsync("admin@demo.local");
        await check.GotoAsync("/People?q=G800");
        await Expect(check.GetByRole(AriaRole.Status)).ToContainTextAsync("0 people");

        await page.GetByRole(AriaRole.Button, new() { Name = "Import 3 rows" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/People/Import/Status/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import finished" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 created, 0 updated, 0 unchanged");
        await ScreenshotAsync(page, "import-finished");

        await check.GotoAsync("/People?q=G800");
        await Expect(check.GetByRole(AriaRole.Status)).ToContainTextAsync("3 people");
        await Expect(check.GetByRole(AriaRole.Link, new() { Name = "Amara Obi" })).ToBeVisibleAsync();

        // The same file again changes nothing, and a confirmed upload cannot be imported twice.
        await page.GotoAsync("/People/Import");
        await ChooseFileAsync(page, "new-starters.csv",
            Header,
            "G8001,Amara Obi,amara.obi@example.com,Engineering,Software Engineer,1,London",
            "G8002,Tomas Lind,tomas.lind@example.com,Sales,Account Executive,2,New York",
            "G8003,Meera Nair,meera.nair@example.com,Design,Junior Designer,1,Bengaluru");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Expect(page.Locator(".stat").Filter(new() { HasText = "Unchanged" }).Locator(".stat-value")).ToHaveTextAsync("3");
    }

    [Fact]
    public async Task A_status_page_shows_progress_while_a_large_import_runs()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/People/Import");
        var lines = new List<string> { Header };
        lines.AddRange(Enumerable.Range(1, 6000).Select(i =>
            $"L{i:00000},Person {i},person.{i}@example.com,Engineering,Software Engineer,{1 + i % 5},London"));
        await ChooseFileAsync(page, "large-roster.csv", [.. lines]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 6,000 rows" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/People/Import/Status/"));
        await ScreenshotAsync(page, "import-large-status");
        // Either the progress bar is caught while the rows are written, or the import is already done;
        // the page then updates itself to the summary without a reload.
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("6000 created, 0 updated, 0 unchanged", new() { Timeout = 60_000 });
        await Expect(page.Locator("progress")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "import-large-finished");
    }

    private static Task ChooseFileAsync(IPage page, string name, params string[] lines) =>
        page.GetByLabel("Roster CSV").SetInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"),
        });
}
