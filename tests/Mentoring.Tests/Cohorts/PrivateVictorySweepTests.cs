using System.Net;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Mentoring.Tests.Cohorts.CohortTestData;

namespace Mentoring.Tests.Cohorts;

/// <summary>
/// A marker written into private victories (a program's and a group's) is searched for in every
/// answer of every read this feature adds, and in the pages that lead to it, as every caller: only
/// the author and the person they shared it with ever get it back, and the outbox never holds it.
/// </summary>
public sealed class PrivateVictorySweepTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task A_private_victory_appears_for_its_author_and_whom_they_chose_only()
    {
        var people = await PeopleAsync(app);
        int programId;
        await using (var db = app.OpenContext())
        {
            // The demo's program, where the pair and the sponsor (a senior mentor there) are enrolled.
            programId = await db.Mentorships.Where(m => m.MenteeId == people.Mentee).Select(m => m.ProgramId).FirstAsync();
            if (!await db.Enrollments.AnyAsync(e => e.ProgramId == programId && e.PersonId == people.Other))
            {
                db.Enrollments.Add(new Enrollment { ProgramId = programId, PersonId = people.Other, Role = EnrollmentRole.Mentee });
                await db.SaveChangesAsync();
            }
        }
        var groupId = await GroupAsync(app, programId, people.Mentor, people.Mentee);
        var marker = "private-" + Guid.NewGuid().ToString("N");
        using var mentee = app.As(Roles.Mentee);
        await CreatedIdAsync(await mentee.PostJsonAsync($"/api/programs/{programId}/victories", new { text = $"{marker} program", visibility = "private", sharedWith = new[] { people.Mentor } }));
        await CreatedIdAsync(await mentee.PostJsonAsync($"/api/groups/{groupId}/victories", new { text = $"{marker} group", visibility = "private", sharedWith = new[] { people.Mentor } }));
        // Something public and a stand-up too, so every list has content to answer with.
        await CreatedIdAsync(await mentee.PostJsonAsync($"/api/programs/{programId}/victories", new { text = "A public win", visibility = "public" }));
        var standupId = await CreatedIdAsync(await mentee.PostJsonAsync($"/api/programs/{programId}/standups", new { did = "Did", next = "Next", stuck = "" }));
        await CreatedIdAsync(await mentee.PostJsonAsync($"/api/programs/{programId}/kudos", new { to = people.Mentor, text = "For the help" }));
        int guideId;
        await using (var db = app.OpenContext())
        {
            guideId = await db.DiscussionGuides.Select(g => g.Id).FirstAsync();
        }

        string[] reads =
        [
            $"/api/programs/{programId}/victories", $"/api/programs/{programId}/kudos", $"/api/programs/{programId}/standups",
            $"/api/groups/{groupId}/victories", $"/api/groups/{groupId}/kudos", $"/api/groups/{groupId}/standups",
            $"/api/standups/{standupId}/replies", "/api/dialogues", $"/api/dialogues/{guideId}", "/api/dialogues?retired=true",
            $"/api/groups/{groupId}", $"/api/programs/{programId}", "/api/me/groups",
            $"/Programs/{programId}/Board", $"/Groups/{groupId}/Board", $"/Programs/{programId}", $"/Groups/{groupId}", "/Me", "/Dialogues", "/",
        ];
        using var other = await AccountForAsync(app, people.Other);
        var callers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = app.Anonymous(), [Roles.Admin] = app.As(Roles.Admin), [Roles.Sponsor] = app.As(Roles.Sponsor),
            ["fellow participant"] = other, [Roles.Mentor] = app.As(Roles.Mentor), [Roles.Mentee] = mentee,
        };
        var leaks = new List<string>();
        foreach (var (name, client) in callers)
        {
            var allowed = name is Roles.Mentor or Roles.Mentee;
            foreach (var url in reads)
            {
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if (!allowed && body.Contains(marker, StringComparison.Ordinal))
                {
                    leaks.Add($"{url} as {name} ({(int)response.StatusCode})");
                }
            }
        }
        Assert.True(leaks.Count == 0, "The private victory leaked:\n" + string.Join("\n", leaks));

        // Those it is for do get it, in the API and on the board.
        foreach (var client in new[] { callers[Roles.Mentor], mentee })
        {
            Assert.Contains(marker + " program", await client.GetStringAsync($"/api/programs/{programId}/victories"), StringComparison.Ordinal);
            Assert.Contains(marker + " group", await client.GetStringAsync($"/api/groups/{groupId}/victories"), StringComparison.Ordinal);
            Assert.Contains(marker + " program", await client.GetStringAsync($"/Programs/{programId}/Board"), StringComparison.Ordinal);
        }
        await app.App.Services.GetRequiredService<Mentoring.Features.Cohorts.StandupDigestJob>().WriteDueDigestsAsync(CancellationToken.None);
        await using (var db = app.OpenContext())
        {
            Assert.False(await db.Notifications.AnyAsync(n => n.Body.Contains(marker) || n.Subject.Contains(marker)));
        }
        foreach (var client in callers.Values.Where(c => c != mentee && c != other))
        {
            client.Dispose();
        }
    }
}
