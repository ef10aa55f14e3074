using System.Net;
using System.Text;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Mentorships;

/// <summary>A mentee and a mentor run their mentorship through the API: plan, goals, sessions, check-ins, reflections, fit, close-out.</summary>
public sealed class MentorshipSpaceTests(FakeClockAppFixture app) : IClassFixture<FakeClockAppFixture>
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_pair_makes_and_confirms_a_plan_sets_goals_logs_sessions_checkins_and_reflections()
    {
        var pair = await DemoPair.LoadAsync(app);
        using var mentee = app.As(Roles.Mentee);
        using var mentor = app.As(Roles.Mentor);
        var space = $"/api/mentorships/{pair.MentorshipId}";

        // The plan: made by the mentee, confirmed by both; a change is a new version both see.
        var plan = await (await mentee.PutAsync($"{space}/plan", Body("""{"cadence":"weekly","day":"Tuesday","time":"10:00","channels":["video"],"norms":"No need to apologise for interruptions from children or pets","timeZone":"Europe/London"}"""))).ReadJsonAsync();
        Assert.Equal("weekly", plan.GetProperty("cadence").GetString());
        Assert.Equal("tuesday", plan.GetProperty("day").GetString());
        Assert.Equal("10:00", plan.GetProperty("time").GetString());
        Assert.Empty(plan.GetProperty("confirmedBy").EnumerateArray());
        var version = plan.GetProperty("version").GetInt32();
        await (await mentee.PostAsync($"{space}/plan/confirm", null)).ReadJsonAsync();
        var confirmed = await (await mentor.PostAsync($"{space}/plan/confirm", null)).ReadJsonAsync();
        Assert.Equal(new[] { pair.MenteeId, pair.MentorId }.Order(), confirmed.GetProperty("confirmedBy").EnumerateArray().Select(e => e.GetInt32()).Order());
        Assert.True(confirmed.GetProperty("confirmedByBoth").GetBoolean());
        var seen = await (await mentor.GetAsync($"{space}/plan")).ReadJsonAsync();
        Assert.Equal("No need to apologise for interruptions from children or pets", seen.GetProperty("norms").GetString());
        Assert.Equal(["video"], seen.GetProperty("channels").EnumerateArray().Select(e => e.GetString()!).ToArray());
        // London's Tuesday 10:00 as each person sees it in their own zone.
        Assert.Equal(2, seen.GetProperty("inEachZone").GetArrayLength());
        var changed = await (await mentor.PutAsync($"{space}/plan", Body("""{"cadence":"fortnightly","day":"Thursday","time":"16:30","channels":["video","phone"],"norms":"Cameras optional","timeZone":"Europe/London"}"""))).ReadJsonAsync();
        Assert.Equal(version + 1, changed.GetProperty("version").GetInt32());
        Assert.Empty(changed.GetProperty("confirmedBy").EnumerateArray());
        Assert.Equal(2, changed.GetProperty("versions").EnumerateArray().Count(v => v.GetProperty("version").GetInt32() >= version));
        Assert.Equal(2, changed.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetInt32() == version).GetProperty("confirmedBy").GetArrayLength());

        // Goals with milestones and progress.
        var goal = await (await mentee.PostAsync($"{space}/goals", Body("""{"title":"Speak at the all-hands","why":"To be heard beyond my team","targetDate":"2027-09-30"}"""))).ReadJsonAsync();
        var goalId = goal.GetProperty("id").GetInt32();
        var withMilestone = await (await mentee.PostAsync($"/api/goals/{goalId}/milestones", Body("""{"title":"Draft the talk","dueDate":"2027-07-01"}"""))).ReadJsonAsync();
        var milestoneId = withMilestone.GetProperty("milestones")[0].GetProperty("id").GetInt32();
        var progressed = await (await mentee.PutAsync($"/api/goals/{goalId}", Body("""{"progress":40,"status":"active"}"""))).ReadJsonAsync();
        Assert.Equal(40, progressed.GetProperty("progress").GetInt32());
        var done = await (await mentor.PostAsync($"/api/milestones/{milestoneId}/done", Body("{}"))).ReadJsonAsync();
        Assert.True(done.GetProperty("milestones")[0].GetProperty("done").GetBoolean());
        var finished = await (await mentee.PutAsync($"/api/goals/{goalId}", Body("""{"status":"done"}"""))).ReadJsonAsync();
        Assert.Equal("done", finished.GetProperty("status").GetString());
        Assert.Equal(100, finished.GetProperty("progress").GetInt32());
        var goals = await (await mentor.GetAsync($"{space}/goals")).ReadJsonAsync();
        Assert.Contains(goals.EnumerateArray(), g => g.GetProperty("id").GetInt32() == goalId && g.GetProperty("title").GetString() == "Speak at the all-hands");

        // A logged session, rated by each side; an action item from it.
        var session = await (await mentee.PostAsync($"{space}/sessions", Body("""{"on":"2027-06-04","mode":"in-person","agenda":"Three-minute life story","sharedNotes":"We swapped stories","privateNotes":"I was nervous"}"""))).ReadJsonAsync();
        var sessionId = session.GetProperty("id").GetInt32();
        Assert.Equal("in-person", session.GetProperty("mode").GetString());
        Assert.True(session.GetProperty("logged").GetBoolean());
        Assert.Equal("I was nervous", session.GetProperty("myPrivateNotes")[0].GetProperty("text").GetString());
        await (await mentee.PostAsync($"/api/sessions/{sessionId}/rating", Body("""{"rating":4}"""))).ReadJsonAsync();
        var rated = await (await mentor.PostAsync($"/api/sessions/{sessionId}/rating", Body("""{"rating":5}"""))).ReadJsonAsync();
        Assert.Equal(5, rated.GetProperty("myRating").GetInt32());
        Assert.Equal(2, rated.GetProperty("ratings").GetInt32());
        var mentorsView = (await (await mentor.GetAsync($"{space}/sessions")).ReadJsonAsync()).EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == sessionId);
        Assert.Equal("We swapped stories", mentorsView.GetProperty("sharedNotes").GetString());
        Assert.Empty(mentorsView.GetProperty("myPrivateNotes").EnumerateArray());
        await using (var db = app.OpenContext())
        {
            var row = await db.Sessions.Include(s => s.Attendees).SingleAsync(s => s.Id == sessionId);
            Assert.Equal(pair.MentorId, row.HostId);
            Assert.Equal(pair.MenteeId, Assert.Single(row.Attendees).PersonId);
            Assert.Equal(pair.MenteeId, row.LoggedById);
            Assert.Equal(ActivityFormats.Lunch, row.Kind);
        }
        var item = await (await mentor.PostAsync($"{space}/action-items", Body($$"""{"text":"Book a room for the rehearsal","ownerId":{{pair.MenteeId}},"dueDate":"2027-06-20","sessionId":{{sessionId}}}"""))).ReadJsonAsync();
        Assert.Equal(pair.MenteeId, item.GetProperty("ownerId").GetInt32());
        var itemDone = await (await mentee.PostAsync($"/api/action-items/{item.GetProperty("id").GetInt32()}/done", Body("{}"))).ReadJsonAsync();
        Assert.True(itemDone.GetProperty("done").GetBoolean());

        // A check-in in one step, and reflections read as one story.
        var checkIn = await (await mentor.PostAsync($"{space}/checkins", Body("""{"on":"2027-06-06","met":true,"rating":4,"note":"Good chat about the talk"}"""))).ReadJsonAsync();
        Assert.Equal("2027-06-06", checkIn.GetProperty("on").GetString());
        var checkIns = await (await mentee.GetAsync($"{space}/checkins")).ReadJsonAsync();
        Assert.Contains(checkIns.EnumerateArray(), c => c.GetProperty("note").GetString() == "Good chat about the talk");
        await (await mentee.PostAsync($"{space}/reflections", Body("""{"stage":"middle","text":"How far we've come: I spoke twice","visibility":"shared"}"""))).ReadJsonAsync();
        await (await mentor.PostAsync($"{space}/reflections", Body("""{"stage":"start","text":"Where we started: shy in meetings","visibility":"shared"}"""))).ReadJsonAsync();
        var story = (await (await mentee.GetAsync($"{space}/reflections")).ReadJsonAsync()).EnumerateArray().Select(r => r.GetProperty("stage").GetString()).ToList();
        Assert.Equal(story.OrderBy(s => s switch { "start" => 0, "middle" => 1, _ => 2 }), story);

        // The virtual check-in as a calendar entry for both.
        using var ics = await mentee.GetAsync($"{space}/plan/calendar?callLink=https://meet.example/abc");
        // Unfolded as RFC 5545 says: a long line (an attendee's name and address) is folded at 75 octets, wherever its text falls.
        var calendar = (await ics.Content.ReadAsStringAsync()).Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("RRULE:FREQ=WEEKLY;INTERVAL=2", calendar, StringComparison.Ordinal);
        Assert.Contains("https://meet.example/abc", calendar, StringComparison.Ordinal);
        Assert.Contains(pair.MentorEmail, calendar, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(pair.MenteeEmail, calendar, StringComparison.OrdinalIgnoreCase);

        // Nobody else reaches the space: not the admin, not the sponsor, not anonymously.
        foreach (var role in new[] { Roles.Admin, Roles.Sponsor })
        {
            using var other = app.As(role);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{space}/plan")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"{space}/checkins", Body("""{"met":true}"""))).StatusCode);
        }
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{space}/goals")).StatusCode);

        // The admin sees the pair's health and counts.
        using var admin = app.As(Roles.Admin);
        var health = (await (await admin.GetAsync($"/api/programs/{pair.ProgramId}/health")).ReadJsonAsync()).EnumerateArray()
            .Single(h => h.GetProperty("mentorshipId").GetInt32() == pair.MentorshipId);
        Assert.Equal("on-track", health.GetProperty("health").GetString());
        Assert.Equal("2027-06-06", health.GetProperty("lastCheckIn").GetString());
        Assert.True(health.GetProperty("goalsDone").GetInt32() >= 1);

        // Close-out, with a reason and a closing reflection; the space stays readable, nothing more is added.
        var closed = await (await mentee.PostAsync($"{space}/close", Body("""{"reason":"We reached our goal","reflection":"Where we're going: I will mentor someone myself"}"""))).ReadJsonAsync();
        Assert.Equal("ended", closed.GetProperty("status").GetString());
        var end = (await (await mentor.GetAsync($"{space}/reflections")).ReadJsonAsync()).EnumerateArray().Last();
        Assert.Equal("end", end.GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await mentor.PostAsync($"{space}/checkins", Body("""{"met":true}"""))).StatusCode);
        Assert.Contains(goals.EnumerateArray(), g => g.GetProperty("id").GetInt32() == goalId);
        await using (var db = app.OpenContext())
        {
            var m = await db.Mentorships.SingleAsync(x => x.Id == pair.MentorshipId);
            Assert.Equal(MentorshipStatus.Ended, m.Status);
            Assert.Equal(pair.MenteeId, m.ClosedById);
            Assert.Equal("We reached our goal", m.CloseReason);
            Assert.NotNull(m.EndedAt);
        }
    }

    [Theory]
    [InlineData("PUT", "plan", """{"cadence":"weekly","day":"Someday","time":"10:00","channels":["video"]}""", "day")]
    [InlineData("PUT", "plan", """{"cadence":"weekly","day":"Tuesday","time":"25:00","channels":["video"]}""", "time")]
    [InlineData("PUT", "plan", """{"cadence":"weekly","day":"Tuesday","time":"10:00","channels":["pigeon"]}""", "channels")]
    [InlineData("PUT", "plan", """{"cadence":"hourly","day":"Tuesday","time":"10:00","channels":["video"]}""", "cadence")]
    [InlineData("POST", "goals", """{"why":"no title"}""", "title")]
    [InlineData("POST", "notes", """{"text":"hello","visibility":"public"}""", "visibility")]
    [InlineData("POST", "notes", """{"text":"","visibility":"private"}""", "text")]
    [InlineData("POST", "checkins", """{"on":"2027-06-06","met":true,"rating":9}""", "rating")]
    [InlineData("POST", "checkins", """{"on":"2030-01-01","met":true}""", "on")]
    [InlineData("POST", "fit", """{"answer":"maybe"}""", "answer")]
    [InlineData("POST", "sessions", """{"on":"2027-06-01"}""", "mode")]
    [InlineData("POST", "reflections", """{"stage":"later","text":"x"}""", "stage")]
    [InlineData("POST", "close", """{"reason":""}""", "reason")]
    public async Task Bad_input_gets_a_400_naming_the_field(string method, string path, string body, string field)
    {
        var pair = await DemoPair.LoadAsync(app);
        await using (var db = app.OpenContext())
        {
            // The other test may have closed the demo pair's mentorship: these checks need it active.
            await db.Mentorships.Where(m => m.Id == pair.MentorshipId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MentorshipStatus.Active));
        }
        using var mentee = app.As(Roles.Mentee);
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/mentorships/{pair.MentorshipId}/{path}") { Content = Body(body) };
        using var response = await mentee.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Contains($"\"{field}", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Goal_progress_and_ratings_out_of_range_are_refused()
    {
        var pair = await DemoPair.LoadAsync(app);
        await using (var db = app.OpenContext())
        {
            await db.Mentorships.Where(m => m.Id == pair.MentorshipId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MentorshipStatus.Active));
        }
        using var mentee = app.As(Roles.Mentee);
        var goal = await (await mentee.PostAsync($"/api/mentorships/{pair.MentorshipId}/goals", Body("""{"title":"Range check"}"""))).ReadJsonAsync();
        using var tooMuch = await mentee.PutAsync($"/api/goals/{goal.GetProperty("id").GetInt32()}", Body("""{"progress":150}"""));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Contains("progress", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var session = await (await mentee.PostAsync($"/api/mentorships/{pair.MentorshipId}/sessions", Body("""{"on":"2027-06-05","mode":"virtual"}"""))).ReadJsonAsync();
        using var badRating = await mentee.PostAsync($"/api/sessions/{session.GetProperty("id").GetInt32()}/rating", Body("""{"rating":0}"""));
        Assert.Equal(HttpStatusCode.BadRequest, badRating.StatusCode);
        Assert.Contains("rating", await badRating.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
