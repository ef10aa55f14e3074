using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed class OfficesTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_admin_adds_an_office_with_rooms_and_sees_problems_next_to_their_fields()
    {
        var page = await SignedInAsync("admin@demo.local");
        await page.GotoAsync("/Offices");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an office" }).ClickAsync();

        await page.GetByLabel("Office name").FillAsync("Lisbon");
        await page.GetByLabel("Time zone").FillAsync("Europe/Lisboa");
        await page.GetByLabel("Room 1 name").FillAsync("Tejo");
        await page.GetByLabel("Room 1 capacity").FillAsync("6");
        await page.GetByLabel("Room 2 name").FillAsync("Alfama");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add office" }).ClickAsync();

        // The rooms are checked first, each next to its row: seats are needed, and the API's range applies.
        await Expect(page.Locator("[data-valmsg-for='Rooms[1].Capacity']")).ToHaveTextAsync("Enter how many people the room seats.");
        await page.GetByLabel("Room 2 capacity").FillAsync("900");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add office" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Rooms[1].Capacity']")).ToHaveTextAsync("The field Capacity must be between 1 and 500.");
        await Expect(page.GetByLabel("Room 2 name")).ToHaveValueAsync("Alfama");
        await page.GetByLabel("Room 2 capacity").FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add office" }).ClickAsync();

        // Then the office rules, shared with the API: the zone must be a real IANA zone.
        await Expect(page.Locator("[data-valmsg-for='Input.TimeZone']")).ToContainTextAsync("Unknown time zone \"Europe/Lisboa\"");
        await ScreenshotAsync(page, "office-validation");
        await page.GetByLabel("Time zone").FillAsync("Europe/Lisbon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add office" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Offices$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Lisbon is saved.");
        var row = page.Locator("tbody tr").Filter(new() { HasText = "Lisbon" });
        await Expect(row).ToContainTextAsync("Europe/Lisbon");
        await Expect(row).ToContainTextAsync("Alfama seats 4");
        await Expect(row).ToContainTextAsync("Tejo seats 6");
        await ScreenshotAsync(page, "offices");

        // Removing a room on edit keeps the others.
        await row.GetByRole(AriaRole.Link, new() { Name = "Edit Lisbon" }).ClickAsync();
        await Expect(page.GetByLabel("Room 1 name")).ToHaveValueAsync("Alfama");
        await page.GetByLabel("Remove room 1").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        row = page.Locator("tbody tr").Filter(new() { HasText = "Lisbon" });
        await Expect(row).Not.ToContainTextAsync("Alfama");
        await Expect(row).ToContainTextAsync("Tejo seats 6");
    }
}
