using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Privacy;

/// <summary>The retention pass on the app's clock: nothing is due until the time has passed, the dry run lists it first, the run removes it.</summary>
public sealed class RetentionTests(FakeClockAppFixture app) : IClassFixture<FakeClockAppFixture>
{
    [Fact]
    public async Task With_the_clock_moved_on_the_dry_run_lists_what_is_due_and_the_run_removes_it()
    {
        using var admin = app.As(Roles.Admin);
        var marker = "zq" + Guid.NewGuid().ToString("N")[..10];
        using (var created = await admin.PostJsonAsync("/api/people/", new { externalId = marker, name = "Leaver " + marker, email = $"{marker}@example.com", level = 1 }))
        {
            var id = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
            (await admin.PostAsync($"/api/people/{id}/deactivate", null)).EnsureSuccessStatusCode();
        }
        int notificationId;
        await using (var db = app.OpenContext())
        {
            var note = new Notification { Channel = "email", Recipient = $"{marker}@example.com", Subject = "Old " + marker, Body = "x", CreatedAt = app.Clock!.GetCurrentInstant() };
            db.Notifications.Add(note);
            await db.SaveChangesAsync();
            notificationId = note.Id;
        }

        var now = await PreviewAsync(admin);
        Assert.DoesNotContain(now, i => i.Contains(marker, StringComparison.Ordinal) || i == $"outbox notification {notificationId}");

        // Seven months on, the outbox message is due (6 months) but the leaver is not (24).
        app.Clock!.Advance(Duration.FromDays(7 * 31));
        var seven = await PreviewAsync(admin);
        Assert.Contains($"outbox notification {notificationId}", seven);
        Assert.DoesNotContain(seven, i => i.Contains(marker, StringComparison.Ordinal));
        await using (var db = app.OpenContext())
        {
            Assert.True(await db.Notifications.AnyAsync(n => n.Id == notificationId), "the dry run removed something");
        }

        app.Clock!.Advance(Duration.FromDays(18 * 31));
        var due = await PreviewAsync(admin);
        Assert.Contains(due, i => i.StartsWith("leavers person", StringComparison.Ordinal) && i.Contains(marker, StringComparison.Ordinal));

        using (var run = await admin.PostAsync("/api/privacy/retention/run", null))
        {
            var removed = (await run.ReadAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(Line).ToList();
            Assert.Contains(removed, l => l.StartsWith($"outbox notification {notificationId} ", StringComparison.Ordinal));
            Assert.Contains(removed, l => l.StartsWith("leavers person", StringComparison.Ordinal) && l.Contains(marker, StringComparison.Ordinal));
        }
        await using (var db = app.OpenContext())
        {
            Assert.False(await db.Notifications.AnyAsync(n => n.Id == notificationId));
            var leaver = await db.People.SingleAsync(p => p.ExternalId != marker && p.ErasedAt != null && p.Name.StartsWith("Erased person"));
            Assert.False(await db.People.AnyAsync(p => p.Name.Contains(marker)));
            Assert.Null(leaver.Email);
            Assert.True(await db.AuditRecords.AnyAsync(r => r.EntityType == "retention" && r.Action == "removed"));
        }
        Assert.Empty(await PreviewAsync(admin));
        // The fixture's sign-in expired while the clock moved two years: sign in again.
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = await app.SignInAsync(AppFixture.EmailOfRole[Roles.Admin]) }) { BaseAddress = app.BaseAddress };
        var page = await browser.GetStringAsync("/Privacy/Retention");
        Assert.Contains("Nothing is due", page, StringComparison.Ordinal);
    }

    private static string Line(JsonElement item) =>
        $"{item.GetProperty("rule").GetString()} {item.GetProperty("entity").GetString()} {item.GetProperty("entityId").GetString()} {item.GetProperty("what").GetString()}".TrimEnd();

    private static async Task<List<string>> PreviewAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/privacy/retention/preview");
        return (await response.ReadAsync<JsonElement>()).GetProperty("items").EnumerateArray()
            .Select(i => Line(i)).Select(l => l.StartsWith("outbox", StringComparison.Ordinal) ? string.Join(' ', l.Split(' ').Take(3)) : l).ToList();
    }
}
