using System.Text.RegularExpressions;
using Mentoring.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mentoring.BrowserTests;

[Collection(AppCollection.Name)]
public sealed partial class AccountsTests(AppFixture app) : BrowserTest(app)
{
    [Fact]
    public async Task An_invited_person_sets_a_password_from_the_email_and_signs_in_and_the_admin_manages_the_account()
    {
        var (name, email) = await PersonWithoutAccountAsync();
        var admin = await SignedInAsync("admin@demo.local");
        await admin.GotoAsync("/People?q=" + Uri.EscapeDataString(email));
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "Invite " + name }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Invite the ticked people" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status).Filter(new() { HasText = "invitation" })).ToContainTextAsync("1 invitation is on its way.");
        await Expect(admin.Locator("tbody tr").First.Locator(".badge-invited")).ToHaveTextAsync("Invited");

        // The e-mail waits in the outbox (the SMTP delivery itself is tested against a real server).
        var link = LinkPattern().Match(await InvitationBodyAsync(email)).Value;
        var invitee = await NewPageAsync();
        await invitee.GotoAsync(link);
        await Expect(invitee.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Choose your password");
        await invitee.GetByLabel("New password").FillAsync("my own long password");
        await invitee.GetByLabel("The same password again").FillAsync("my own long password");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(invitee.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set.");
        await invitee.GetByLabel("E-mail address").FillAsync(email);
        await invitee.GetByLabel("Password").FillAsync("my own long password");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(invitee).ToHaveURLAsync(App.BaseUrl + "/");
        await Expect(invitee.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, " + name);

        await admin.GotoAsync("/Accounts?q=" + Uri.EscapeDataString(email));
        var row = admin.Locator($"tr[data-account='{email}']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Active");
        await row.GetByRole(AriaRole.Checkbox, new() { Name = "mentor" }).CheckAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Save roles" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("now has the roles mentee, mentor");
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(row.Locator("td").Nth(1).Locator(".badge")).ToHaveTextAsync("Disabled");

        // The disabled person's open page stops working at the next request.
        await invitee.ReloadAsync();
        await Expect(invitee).ToHaveURLAsync(new Regex("/Account/SignIn"));

        await admin.GotoAsync("/Accounts");
        await ScreenshotAsync(admin, "accounts", fullPage: false);
        var phone = await SignedInAsync("admin@demo.local", phone: true);
        await phone.GotoAsync("/Accounts");
        await ScreenshotAsync(phone, "accounts-phone", fullPage: false);
    }

    private async Task<(string Name, string Email)> PersonWithoutAccountAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var person = await db.People.Where(p => p.Active && p.Email != null && !db.Users.Any(u => u.PersonId == p.Id))
            .OrderByDescending(p => p.Id).FirstAsync();
        return (person.Name, person.Email!);
    }

    private async Task<string> InvitationBodyAsync(string email)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        return await db.Notifications.Where(n => n.Recipient == email).OrderByDescending(n => n.Id).Select(n => n.Body).FirstAsync();
    }

    [GeneratedRegex(@"https?://\S+/Account/SetPassword\?\S+")]
    private static partial Regex LinkPattern();
}
