using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Mentoring.Tests.Surveys;
using NodaTime;

namespace Mentoring.Tests.Programs;

/// <summary>"80% of pairs check in weekly", measured from the check-ins the pairs log against their plan's cadence, on the app's clock.</summary>
public sealed class CheckInRateTests(FakeClockAppFixture app) : IClassFixture<FakeClockAppFixture>
{
    private async Task<JsonElement> CriterionAsync(int programId)
    {
        using var admin = app.As(Roles.Admin);
        var evaluation = await (await admin.GetAsync($"/api/programs/{programId}/evaluation")).ReadAsync<JsonElement>();
        return evaluation.GetProperty("criteria").EnumerateArray().Single();
    }

    private static async Task CheckInAsync(HttpClient mentee, int mentorshipId, bool met) =>
        (await mentee.PostJsonAsync($"/api/mentorships/{mentorshipId}/checkins", new { met, rating = 4 })).EnsureSuccessStatusCode();

    [Fact]
    public async Task The_check_in_rate_counts_pairs_whose_logged_check_ins_keep_up_with_their_cadence()
    {
        var people = await Respondents.PeopleAsync(app, 4);
        var programId = await Respondents.ProgramWithAsync(app, [people[1], people[3]]);
        using var admin = app.As(Roles.Admin);
        (await admin.PutJsonAsync($"/api/programs/{programId}/criteria", new[] { new { text = "80% of pairs check in weekly", kind = "check-in-rate", target = 80.0 } }))
            .EnsureSuccessStatusCode();
        int a, b;
        await using (var db = app.OpenContext())
        {
            var now = app.Clock!.GetCurrentInstant();
            var pairA = new Mentorship { ProgramId = programId, MentorId = people[0].Id, MenteeId = people[1].Id, CreatedAt = now };
            var pairB = new Mentorship { ProgramId = programId, MentorId = people[2].Id, MenteeId = people[3].Id, CreatedAt = now };
            db.Mentorships.AddRange(pairA, pairB);
            await db.SaveChangesAsync();
            (a, b) = (pairA.Id, pairB.Id);
        }
        using var menteeA = await Respondents.ClientAsync(app, people[1]);
        using var menteeB = await Respondents.ClientAsync(app, people[3]);

        var fresh = await CriterionAsync(programId);
        Assert.Equal(JsonValueKind.Null, fresh.GetProperty("measured").ValueKind);
        Assert.StartsWith("No pair has had a check-in due yet.", fresh.GetProperty("note").GetString(), StringComparison.Ordinal);

        // Day 5: pair A checks in; pair B logs that they did not meet, which is no check-in held.
        app.Clock!.Advance(Duration.FromDays(5));
        await CheckInAsync(menteeA, a, met: true);
        await CheckInAsync(menteeB, b, met: false);

        // Day 8: the first weekly check-in was due on day 7, and B is still within its grace days.
        app.Clock.Advance(Duration.FromDays(3));
        var withinGrace = await CriterionAsync(programId);
        Assert.Equal(100.0, withinGrace.GetProperty("measured").GetDouble());
        Assert.True(withinGrace.GetProperty("met").GetBoolean());

        // Day 10: B's check-in is missed past the grace days.
        app.Clock.Advance(Duration.FromDays(2));
        var missed = await CriterionAsync(programId);
        Assert.Equal(50.0, missed.GetProperty("measured").GetDouble());
        Assert.False(missed.GetProperty("met").GetBoolean());
        Assert.Equal("1 of 2 pairs check in as their plan asks.", missed.GetProperty("note").GetString());

        // Day 21: A checked in on days 5 and 14; B only once, yesterday, after missing its first two weeks.
        app.Clock.Advance(Duration.FromDays(4));
        await CheckInAsync(menteeA, a, met: true);
        app.Clock.Advance(Duration.FromDays(6));
        await CheckInAsync(menteeB, b, met: true);
        app.Clock.Advance(Duration.FromDays(1));
        var behind = await CriterionAsync(programId);
        Assert.Equal(50.0, behind.GetProperty("measured").GetDouble());

        // A fortnightly plan expects half as many: B, with one check-in in three weeks, keeps up with it.
        await using (var db = app.OpenContext())
        {
            db.MentorshipPlans.Add(new MentorshipPlan { MentorshipId = b, Version = 1, Cadence = PlanCadence.Fortnightly, TimeZone = "UTC", CreatedById = people[3].Id });
            await db.SaveChangesAsync();
        }
        var fortnightly = await CriterionAsync(programId);
        Assert.Equal(100.0, fortnightly.GetProperty("measured").GetDouble());
        Assert.True(fortnightly.GetProperty("met").GetBoolean());
    }
}
