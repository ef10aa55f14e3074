using System.Net;
using System.Text;
using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Mentoring.Tests.Cohorts;
using static Mentoring.Tests.Cohorts.CohortTestData;

namespace Mentoring.Tests.Mentorships;

/// <summary>
/// A group cohort's shared space through the API, on each store: the host and the members make a
/// plan everyone confirms, set goals with milestones, log sessions, check-ins, reflections and
/// action items; nobody else reaches it; a private text reaches its author and nobody else.
/// </summary>
public abstract class GroupSpaceTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<(CohortPeople People, int ProgramId, int GroupId, HttpClient Other)> GroupAsync()
    {
        var people = await PeopleAsync(app);
        var programId = await ProgramAsync(app, people, people.Other);
        // The demo mentor hosts; the demo mentee and one more person are members.
        var groupId = await CohortTestData.GroupAsync(app, programId, people.Mentor, people.Mentee, people.Other);
        return (people, programId, groupId, await AccountForAsync(app, people.Other));
    }

    [Fact]
    public async Task The_host_and_members_share_a_plan_goals_sessions_checkins_reflections_and_action_items()
    {
        var (people, _, groupId, other) = await GroupAsync();
        using var host = app.As(Roles.Mentor);
        using var member = app.As(Roles.Mentee);
        using (other)
        {
            var space = $"/api/groups/{groupId}";

            var plan = await OkAsync(await member.PutAsync($"{space}/plan", Body("""{"cadence":"weekly","day":"Tuesday","time":"10:00","channels":["video"],"norms":"No need to apologise for interruptions from children or pets","timeZone":"Europe/London"}""")));
            Assert.Equal("weekly", plan.GetProperty("cadence").GetString());
            Assert.Equal("tuesday", plan.GetProperty("day").GetString());
            Assert.Equal(groupId, plan.GetProperty("groupId").GetInt32());
            Assert.Equal(JsonValueKind.Null, plan.GetProperty("mentorshipId").ValueKind);
            Assert.Equal(3, plan.GetProperty("inEachZone").GetArrayLength());
            await OkAsync(await member.PostAsync($"{space}/plan/confirm", null));
            var two = await OkAsync(await host.PostAsync($"{space}/plan/confirm", null));
            Assert.False(two.GetProperty("confirmedByBoth").GetBoolean());
            var all = await OkAsync(await other.PostAsync($"{space}/plan/confirm", null));
            Assert.Equal(new[] { people.Mentor, people.Mentee, people.Other }.Order(), all.GetProperty("confirmedBy").EnumerateArray().Select(e => e.GetInt32()).Order());
            Assert.True(all.GetProperty("confirmedByBoth").GetBoolean());
            Assert.Equal("No need to apologise for interruptions from children or pets", (await OkAsync(await other.GetAsync($"{space}/plan"))).GetProperty("norms").GetString());

            // Goals: made in the group, changed through the goal's own routes.
            var goalId = (await OkAsync(await host.PostAsync($"{space}/goals", Body("""{"title":"Each of us gives one talk","why":"To be heard","targetDate":"2027-09-30"}""")))).GetProperty("id").GetInt32();
            var milestones = await OkAsync(await member.PostAsync($"/api/goals/{goalId}/milestones", Body("""{"title":"Draft the talks","dueDate":"2027-07-01"}""")));
            Assert.Single(milestones.GetProperty("milestones").EnumerateArray());
            var progressed = await OkAsync(await other.PutAsync($"/api/goals/{goalId}", Body("""{"progress":40,"status":"active"}""")));
            Assert.Equal(40, progressed.GetProperty("progress").GetInt32());
            Assert.Equal("done", (await OkAsync(await host.PutAsync($"/api/goals/{goalId}", Body("""{"status":"done"}""")))).GetProperty("status").GetString());
            Assert.Contains((await OkAsync(await other.GetAsync($"{space}/goals"))).EnumerateArray(), g => g.GetProperty("id").GetInt32() == goalId && g.GetProperty("progress").GetInt32() == 100);

            // A logged session: the host hosts it, every member attended; each side rates it.
            var session = await OkAsync(await member.PostAsync($"{space}/sessions", Body("""{"on":"2025-06-04","mode":"in-person","agenda":"Three-minute life story","sharedNotes":"We swapped stories","privateNotes":"I was nervous"}""")));
            var sessionId = session.GetProperty("id").GetInt32();
            Assert.Equal("in-person", session.GetProperty("mode").GetString());
            Assert.Equal("I was nervous", session.GetProperty("myPrivateNotes")[0].GetProperty("text").GetString());
            await OkAsync(await other.PostAsync($"/api/sessions/{sessionId}/rating", Body("""{"rating":5}""")));
            var seen = (await OkAsync(await other.GetAsync($"{space}/sessions"))).EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == sessionId);
            Assert.Equal("We swapped stories", seen.GetProperty("sharedNotes").GetString());
            Assert.Empty(seen.GetProperty("myPrivateNotes").EnumerateArray());
            await using (var db = app.OpenContext())
            {
                var stored = await db.Sessions.Include(x => x.Attendees).SingleAsync(x => x.Id == sessionId);
                Assert.Equal(groupId, stored.GroupActivityId);
                Assert.Null(stored.MentorshipId);
                Assert.Equal(people.Mentor, stored.HostId);
                Assert.Equal(new[] { people.Mentee, people.Other }.Order(), stored.Attendees.Select(a => a.PersonId).Order());
            }

            // Notes: shared ones reach the group; a private one its author only.
            await OkAsync(await member.PostAsync($"{space}/notes", Body("""{"text":"Shared with the circle","visibility":"shared"}""")));
            await OkAsync(await member.PostAsync($"{space}/notes", Body("""{"text":"Mine alone","visibility":"private"}""")));
            var othersNotes = await other.GetStringAsync($"{space}/notes");
            Assert.Contains("Shared with the circle", othersNotes, StringComparison.Ordinal);
            Assert.DoesNotContain("Mine alone", othersNotes, StringComparison.Ordinal);
            Assert.Contains("Mine alone", await member.GetStringAsync($"{space}/notes"), StringComparison.Ordinal);

            // Check-ins, reflections and action items.
            var checkIn = await OkAsync(await other.PostAsync($"{space}/checkins", Body("""{"on":"2025-06-05","met":true,"rating":4,"note":"Good circle"}""")));
            Assert.Equal(4, checkIn.GetProperty("rating").GetInt32());
            Assert.Single((await OkAsync(await host.GetAsync($"{space}/checkins"))).EnumerateArray());
            await OkAsync(await host.PostAsync($"{space}/reflections", Body("""{"stage":"start","text":"We started shy","visibility":"shared"}""")));
            Assert.Contains("We started shy", await other.GetStringAsync($"{space}/reflections"), StringComparison.Ordinal);
            var item = await OkAsync(await host.PostAsync($"{space}/action-items", Body($$"""{"text":"Book the room","ownerId":{{people.Other}},"dueDate":"2027-06-20","goalId":{{goalId}}}""")));
            Assert.Equal(people.Other, item.GetProperty("ownerId").GetInt32());
            Assert.True((await OkAsync(await other.PostAsync($"/api/action-items/{item.GetProperty("id").GetInt32()}/done", Body("{}")))).GetProperty("done").GetBoolean());

            // Bad input is a 400 naming the field; an owner outside the group is refused.
            await AssertFieldAsync(await member.PostAsync($"{space}/notes", Body("""{"text":"x"}""")), "visibility");
            await AssertFieldAsync(await member.PutAsync($"{space}/plan", Body("""{"cadence":"weekly","day":"Someday","time":"10:00","channels":["video"]}""")), "day");
            await AssertFieldAsync(await member.PostAsync($"{space}/action-items", Body($$"""{"text":"x","ownerId":{{people.Outsider}}}""")), "ownerId");

            // Nobody outside the group reaches its space, nor its goals by id; the admin neither.
            using var admin = app.As(Roles.Admin);
            using var sponsor = app.As(Roles.Sponsor);
            foreach (var outsider in new[] { admin, sponsor })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{space}/plan")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{space}/goals")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutAsync($"/api/goals/{goalId}", Body("""{"progress":10}"""))).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Groups/{groupId}/Space")).StatusCode);
            }
            using var anonymous = app.Anonymous();
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{space}/notes")).StatusCode);

            // The page shows the group's space to its members.
            var page = await other.GetStringAsync($"/Groups/{groupId}/Space");
            Assert.Contains("Shared with the circle", page, StringComparison.Ordinal);
            Assert.Contains("Each of us gives one talk", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Mine alone", page, StringComparison.Ordinal);
            Assert.Contains($"/Groups/{groupId}/Space", await other.GetStringAsync("/Me"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Private_texts_in_a_group_reach_their_author_only()
    {
        var (people, programId, groupId, other) = await GroupAsync();
        using var host = app.As(Roles.Mentor);
        using var member = app.As(Roles.Mentee);
        using (other)
        {
            var space = $"/api/groups/{groupId}";
            const string memberMarker = "GROUP-MEMBER-SECRET-4d1e";
            const string hostMarker = "GROUP-HOST-SECRET-b83f";
            foreach (var (client, marker) in new[] { (member, memberMarker), (host, hostMarker) })
            {
                await OkAsync(await client.PostAsync($"{space}/notes", Body($$"""{"text":"note {{marker}}","visibility":"private"}""")));
                await OkAsync(await client.PostAsync($"{space}/sessions", Body($$"""{"on":"2025-06-04","mode":"virtual","agenda":"Life story","sharedNotes":"shared words","privateNotes":"session {{marker}}"}""")));
                await OkAsync(await client.PostAsync($"{space}/reflections", Body($$"""{"stage":"start","text":"reflection {{marker}}","visibility":"private"}""")));
            }

            // The author reads their own back, so the sweep can fail.
            var own = string.Concat(await Task.WhenAll(new[] { "notes", "sessions", "reflections" }.Select(p => member.GetStringAsync($"{space}/{p}"))));
            foreach (var field in new[] { "note", "session", "reflection" })
            {
                Assert.Contains($"{field} {memberMarker}", own, StringComparison.Ordinal);
            }
            Assert.Contains(memberMarker, await member.GetStringAsync($"/Groups/{groupId}/Space"), StringComparison.Ordinal);
            Assert.Contains(memberMarker, await member.GetStringAsync("/api/me/export"), StringComparison.Ordinal);

            string[] reads =
            [
                .. new[] { "plan", "goals", "sessions", "notes", "reflections", "checkins", "action-items", "standups", "victories", "kudos" }.Select(p => $"{space}/{p}"),
                $"/api/groups/{groupId}", $"/Groups/{groupId}/Space", $"/Groups/{groupId}/Board", $"/Groups/{groupId}",
                $"/api/programs/{programId}/health", $"/Programs/{programId}/Health", $"/Programs/{programId}/Health?handler=Csv", $"/Programs/{programId}",
                "/Me", "/api/me/export", "/Me/Data", "/api/audit?entity=mentorship-note", "/api/audit?entity=reflection", "/api/audit/export", "/Privacy/Audit",
            ];
            using var admin = app.As(Roles.Admin);
            using var sponsor = app.As(Roles.Sponsor);
            using var anonymous = app.Anonymous();
            var callers = new (string Who, HttpClient Client, string[] Markers)[]
            {
                ("host", host, [memberMarker]), ("member", member, [hostMarker]), ("other member", other, [memberMarker, hostMarker]),
                ("admin", admin, [memberMarker, hostMarker]), ("sponsor", sponsor, [memberMarker, hostMarker]), ("anonymous", anonymous, [memberMarker, hostMarker]),
            };
            var leaks = new List<string>();
            var read = 0;
            foreach (var (who, client, markers) in callers)
            {
                foreach (var url in reads)
                {
                    using var response = await client.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    read += response.IsSuccessStatusCode ? 1 : 0;
                    if (markers.Any(m => body.Contains(m, StringComparison.OrdinalIgnoreCase)))
                    {
                        leaks.Add($"{url} as {who} ({(int)response.StatusCode})");
                    }
                }
            }
            Assert.True(leaks.Count == 0, "Private text leaked:\n" + string.Join("\n", leaks));
            Assert.True(read > 30, "the sweep read almost nothing");
            await using var store = app.OpenContext();
            Assert.DoesNotContain(await store.Notifications.AsNoTracking().ToListAsync(), n => (n.Subject + n.Body + n.Attachment).Contains("SECRET", StringComparison.Ordinal));
        }
    }
}

public sealed class SqliteGroupSpaceTests(SqliteAppFixture app) : GroupSpaceTests<SqliteAppFixture>(app);

public sealed class PostgresGroupSpaceTests(PostgresAppFixture app) : GroupSpaceTests<PostgresAppFixture>(app);
