using System.Net;
using Mentoring.Domain;
using Mentoring.Features.Mentorships;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Tests.Mentorships;

/// <summary>On the app's clock, a mentorship ends by itself when its plan's end date has passed, and its space suggests dialogues for its stage.</summary>
public sealed class MentorshipEndTests(FakeClockAppFixture app) : IClassFixture<FakeClockAppFixture>
{
    [Fact]
    public async Task A_mentorship_ends_after_its_plans_end_date_and_its_space_suggests_the_dialogues_of_its_stage()
    {
        var pair = await DemoPair.LoadAsync(app);
        var today = app.App.Services.GetRequiredService<IClock>().GetCurrentInstant().InUtc().Date;
        var end = today.PlusDays(10);
        using var mentee = app.As(Roles.Mentee);
        using (var put = await mentee.PutJsonAsync($"/api/mentorships/{pair.MentorshipId}/plan", new
        {
            cadence = "weekly", day = "Tuesday", time = "10:00", channels = new[] { "video" }, norms = "Cameras optional", endDate = LocalDatePattern.Iso.Format(end),
        }))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        // The demo pair started 35 days ago: the middle of the mentorship, ten days from its end.
        var page = await app.WithCookieOnly(Roles.Mentee).GetStringAsync($"/Mentorships/{pair.MentorshipId}");
        Assert.Contains("Something to talk about", page, StringComparison.Ordinal);
        Assert.Contains("for the end of a mentorship", page, StringComparison.Ordinal);

        var nudges = app.App.Services.GetRequiredService<CheckInNudges>();
        await nudges.NudgeAsync(CancellationToken.None);
        await using (var db = app.OpenContext())
        {
            Assert.Equal(MentorshipStatus.Active, (await db.Mentorships.AsNoTracking().SingleAsync(m => m.Id == pair.MentorshipId)).Status);
        }

        // The end date passes: the next pass ends the mentorship, and it is no longer nudged.
        app.Clock!.Advance(Duration.FromDays(12));
        await nudges.NudgeAsync(CancellationToken.None);
        await using (var db = app.OpenContext())
        {
            var m = await db.Mentorships.AsNoTracking().SingleAsync(x => x.Id == pair.MentorshipId);
            Assert.Equal(MentorshipStatus.Ended, m.Status);
            Assert.Equal(CheckInNudges.EndDateReason, m.CloseReason);
            Assert.Null(m.ClosedById);
            Assert.Equal(0, await db.Notifications.CountAsync(n => n.Recipient == pair.MenteeEmail && n.Subject.StartsWith("Time for a check-in") && n.CreatedAt > m.EndedAt));
        }
        // What they achieved stays visible to the pair.
        using var response = await mentee.GetAsync($"/api/mentorships/{pair.MentorshipId}/goals");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
