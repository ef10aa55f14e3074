using System.Net;
using System.Text;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Mentorships;

/// <summary>
/// A marker written into every private field of a pair's space (private notes, private session
/// notes, private reflections, fit comments) reaches its author and nobody else: not the other
/// person, the admin, the sponsor, anyone anonymous, nor the outbox. On each store.
/// </summary>
public abstract class PrivacySweepTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task WriteAsync(HttpClient client, string url, string json)
    {
        using var response = await client.PostAsync(url, Body(json));
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Every new read of the pair's space and of program health, API and pages.</summary>
    private static string[] Reads(DemoPair pair) =>
    [
        .. new[] { "plan", "goals", "sessions", "notes", "reflections", "checkins", "fit", "action-items", "plan/calendar" }.Select(p => $"/api/mentorships/{pair.MentorshipId}/{p}"),
        $"/api/programs/{pair.ProgramId}/health", $"/api/programs/{pair.ProgramId}/health/rule", "/api/me/mentorships",
        $"/Mentorships/{pair.MentorshipId}", $"/Programs/{pair.ProgramId}/Health", $"/Programs/{pair.ProgramId}/Health?handler=Csv",
        $"/Programs/{pair.ProgramId}/Health?QuietOnly=true", "/Me", $"/Programs/{pair.ProgramId}",
        // A person's own export holds their private texts, never the other's; the audit trail holds none.
        "/api/me/export", "/Me/Data", "/api/audit?entity=mentorship-note", "/api/audit?entity=reflection", "/api/audit?entity=fit-answer",
        "/api/audit/export", $"/Privacy/Audit",
    ];

    [Fact]
    public async Task Private_texts_reach_their_author_only()
    {
        var pair = await DemoPair.LoadAsync(app);
        await using (var db = app.OpenContext())
        {
            var sponsor = await db.Users.SingleAsync(u => u.NormalizedEmail == AppFixture.EmailOfRole[Roles.Sponsor].ToUpperInvariant());
            Assert.NotEqual(pair.MentorId, sponsor.PersonId);
            Assert.NotEqual(pair.MenteeId, sponsor.PersonId);
        }
        var space = $"/api/mentorships/{pair.MentorshipId}";
        const string menteeMarker = "MENTEE-SECRET-7f3a";
        const string mentorMarker = "MENTOR-SECRET-91c2";
        using var mentee = app.As(Roles.Mentee);
        using var mentor = app.As(Roles.Mentor);
        var yesterday = NodaTime.Text.LocalDatePattern.Iso.Format(
            app.App.Services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant().InUtc().Date.PlusDays(-1));
        foreach (var (client, marker) in new[] { (mentee, menteeMarker), (mentor, mentorMarker) })
        {
            await WriteAsync(client, $"{space}/notes", $$"""{"text":"note {{marker}}","visibility":"private"}""");
            await WriteAsync(client, $"{space}/sessions", $$"""{"on":"{{yesterday}}","mode":"virtual","agenda":"Life story","sharedNotes":"shared words","privateNotes":"session {{marker}}"}""");
            await WriteAsync(client, $"{space}/reflections", $$"""{"stage":"start","text":"reflection {{marker}}","visibility":"private"}""");
            await WriteAsync(client, $"{space}/fit", $$"""{"answer":"not-good","comment":"fit {{marker}}"}""");
        }

        // The author reads each of their own private texts back (so the sweep below can fail).
        var own = string.Concat(await Task.WhenAll(new[] { "notes", "sessions", "reflections", "fit" }.Select(p => mentee.GetStringAsync($"{space}/{p}"))));
        foreach (var field in new[] { "note", "session", "reflection", "fit" })
        {
            Assert.Contains($"{field} {menteeMarker}", own, StringComparison.Ordinal);
        }
        Assert.Contains(menteeMarker, await mentee.GetStringAsync($"/Mentorships/{pair.MentorshipId}"), StringComparison.Ordinal);
        var export = await mentee.GetStringAsync("/api/me/export");
        foreach (var field in new[] { "note", "session", "reflection", "fit" })
        {
            Assert.Contains($"{field} {menteeMarker}", export, StringComparison.Ordinal);
        }

        var callers = new (string Who, HttpClient Client, string Marker)[]
        {
            ("mentor", mentor, menteeMarker), ("mentee", mentee, mentorMarker),
            ("admin", app.As(Roles.Admin), menteeMarker), ("admin", app.As(Roles.Admin), mentorMarker),
            ("sponsor", app.As(Roles.Sponsor), menteeMarker), ("sponsor", app.As(Roles.Sponsor), mentorMarker),
            ("anonymous", app.Anonymous(), menteeMarker), ("anonymous", app.Anonymous(), mentorMarker),
        };
        var leaks = new List<string>();
        var read = 0;
        foreach (var (who, client, marker) in callers)
        {
            foreach (var url in Reads(pair))
            {
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                read += response.IsSuccessStatusCode ? 1 : 0;
                if (body.Contains(marker, StringComparison.Ordinal) || body.Contains(marker.ToLowerInvariant(), StringComparison.OrdinalIgnoreCase))
                {
                    leaks.Add($"{url} as {who} ({(int)response.StatusCode})");
                }
            }
        }
        Assert.True(leaks.Count == 0, "Private text leaked:\n" + string.Join("\n", leaks));
        Assert.True(read > 20, "the sweep read almost nothing");

        // The admin learns "not a good fit" (health, outbox), never what was written.
        using var admin = app.As(Roles.Admin);
        var health = (await (await admin.GetAsync($"/api/programs/{pair.ProgramId}/health")).ReadJsonAsync()).EnumerateArray()
            .Single(h => h.GetProperty("mentorshipId").GetInt32() == pair.MentorshipId);
        Assert.Equal("at-risk", health.GetProperty("health").GetString());
        Assert.True(health.GetProperty("notAGoodFit").GetBoolean());
        await using var store = app.OpenContext();
        var outbox = await store.Notifications.AsNoTracking().ToListAsync();
        Assert.Contains(outbox, n => n.Subject.Contains("not a good fit", StringComparison.Ordinal));
        Assert.DoesNotContain(outbox, n => (n.Subject + n.Body + n.Attachment).Contains("SECRET", StringComparison.Ordinal));
    }
}

public sealed class SqlitePrivacySweepTests(SqliteAppFixture app) : PrivacySweepTests<SqliteAppFixture>(app);

public sealed class PostgresPrivacySweepTests(PostgresAppFixture app) : PrivacySweepTests<PostgresAppFixture>(app);
