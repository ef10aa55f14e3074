using System.Net;
using System.Text;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Mentoring.Tests.Cohorts.CohortTestData;

namespace Mentoring.Tests.Mentorships;

/// <summary>
/// "Not a good fit" leads to a rematch: the admin ends the pair from the health page with a reason
/// and lands on matching with the mentee picked out; the fit comment reaches neither the admin nor
/// the other person.
/// </summary>
public sealed class RematchTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_admin_ends_a_pair_that_is_not_a_good_fit_and_matches_its_mentee_again()
    {
        var pair = await DemoPair.LoadAsync(app);
        using var mentee = app.As(Roles.Mentee);
        using var mentor = app.As(Roles.Mentor);
        using var admin = app.As(Roles.Admin);
        var rematch = $"/api/programs/{pair.ProgramId}/health/{pair.MentorshipId}/rematch";
        const string comment = "REMATCH-COMMENT-5e2a";

        // No rematch before anyone said "not a good fit".
        await AssertFieldAsync(await admin.PostAsync(rematch, Body("""{"reason":"Trying again"}""")), "mentorshipId");
        Assert.DoesNotContain(">Rematch<", await admin.GetStringAsync($"/Programs/{pair.ProgramId}/Health"), StringComparison.Ordinal);

        await (await mentee.PostAsync($"/api/mentorships/{pair.MentorshipId}/fit", Body($$"""{"answer":"not-good","comment":"{{comment}}"}"""))).ReadJsonAsync();
        var health = await admin.GetStringAsync($"/Programs/{pair.ProgramId}/Health");
        Assert.Contains(">Rematch<", health, StringComparison.Ordinal);
        Assert.DoesNotContain(comment, health, StringComparison.Ordinal);

        // Only the admin, with a reason.
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.PostAsync(rematch, Body("""{"reason":"x"}"""))).StatusCode);
        await AssertFieldAsync(await admin.PostAsync(rematch, Body("""{"reason":" "}""")), "reason");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/programs/{pair.ProgramId + 1000}/health/{pair.MentorshipId}/rematch", Body("""{"reason":"x"}"""))).StatusCode);

        // Through the page: the form ends the pair and opens matching with the mentee picked out.
        var token = AppFixture.AntiforgeryToken(health);
        using var posted = await admin.PostAsync($"/Programs/{pair.ProgramId}/Health?handler=Rematch", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["mentorshipId"] = pair.MentorshipId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["reason"] = "Not the right fit; a new mentor will suit better",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/Programs/{pair.ProgramId}/Matching?mentee={pair.MenteeId}", posted.Headers.Location?.OriginalString);
        var matching = await admin.GetStringAsync(posted.Headers.Location!.OriginalString);
        Assert.Contains($"Finding {System.Net.WebUtility.HtmlEncode(pair.MenteeName)} a new mentor", matching, StringComparison.Ordinal);

        await using (var db = app.OpenContext())
        {
            var ended = await db.Mentorships.SingleAsync(m => m.Id == pair.MentorshipId);
            Assert.Equal(MentorshipStatus.Ended, ended.Status);
            Assert.Equal("Not the right fit; a new mentor will suit better", ended.CloseReason);
            // Both are free to be matched again: no active mentorship holds the mentee.
            Assert.False(await db.Mentorships.AnyAsync(m => m.MenteeId == pair.MenteeId && m.ProgramId == pair.ProgramId && m.Status == MentorshipStatus.Active));
        }
        await AssertFieldAsync(await admin.PostAsync(rematch, Body("""{"reason":"again"}""")), "mentorshipId");

        // The other person sees that it ended and why, never the comment.
        var mentorsView = await mentor.GetStringAsync($"/Mentorships/{pair.MentorshipId}");
        Assert.Contains("Not the right fit; a new mentor will suit better", mentorsView, StringComparison.Ordinal);
        Assert.DoesNotContain(comment, mentorsView, StringComparison.Ordinal);
        Assert.DoesNotContain(comment, matching, StringComparison.Ordinal);
        await using var store = app.OpenContext();
        Assert.DoesNotContain(await store.Notifications.AsNoTracking().ToListAsync(), n => (n.Subject + n.Body).Contains(comment, StringComparison.Ordinal));
    }
}
