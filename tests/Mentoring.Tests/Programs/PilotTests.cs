using System.Net;
using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Mentoring.Tests.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Programs;

/// <summary>Programs that start small: a pilot keeps to its scope, is evaluated, and expanding keeps what it made.</summary>
public sealed class PilotTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task A_pilot_scoped_to_one_department_enrolls_no_one_outside_it_and_expanding_keeps_its_pairs_and_answers()
    {
        using var admin = app.As(Roles.Admin);
        var created = await (await admin.PostJsonAsync("/api/programs/", new { name = "Engineering pilot", kind = "mentoring" })).ReadAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();

        var noScope = await admin.PostJsonAsync($"/api/programs/{id}/transition", new { to = "pilot" });
        Assert.Equal(HttpStatusCode.BadRequest, noScope.StatusCode);
        Assert.Contains("scope", await noScope.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badStep = await admin.PostJsonAsync($"/api/programs/{id}/transition", new { to = "evaluating" });
        Assert.Equal(HttpStatusCode.BadRequest, badStep.StatusCode);

        var pilot = await (await admin.PostJsonAsync($"/api/programs/{id}/transition", new
        {
            to = "pilot", scope = new { kind = "department", value = "engineering" },
            criteria = new[] { new { text = "Most mentees have a mentor", kind = "matched-rate", target = 50.0 } },
        })).ReadAsync<JsonElement>();
        Assert.Equal("pilot", pilot.GetProperty("status").GetString());
        Assert.Equal("Engineering", pilot.GetProperty("scope").GetProperty("value").GetString());

        // By rule: everyone at levels 1 to 5 matches only inside Engineering.
        var bulk = await (await admin.PostJsonAsync($"/api/programs/{id}/enrollments/bulk", new { role = "mentee", levels = new[] { 1, 2, 3, 4, 5 } })).ReadAsync<JsonElement>();
        Assert.True(bulk.GetProperty("enrolled").GetInt32() > 0);
        var outsider = (await Respondents.PeopleAsync(app, 1, department: "Sales")).Single();
        var byHand = await admin.PostJsonAsync($"/api/programs/{id}/enrollments", new { personId = outsider.Id, role = "mentee" });
        Assert.Equal(HttpStatusCode.BadRequest, byHand.StatusCode);
        Assert.Contains("personId", await byHand.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var byIds = await admin.PostJsonAsync($"/api/programs/{id}/enrollments/bulk", new { externalIds = new[] { outsider.ExternalId } });
        Assert.Equal(HttpStatusCode.BadRequest, byIds.StatusCode);
        await using (var db = app.OpenContext())
        {
            var departments = await db.Enrollments.Where(e => e.ProgramId == id).Select(e => e.Person!.Department).Distinct().ToListAsync();
            Assert.Equal(["Engineering"], departments);
        }

        // A pair and an answer made during the pilot.
        int mentorshipId;
        var mentees = await Respondents.PeopleAsync(app, 2, department: "Engineering");
        await using (var db = app.OpenContext())
        {
            var mentor = await db.Enrollments.Where(e => e.ProgramId == id).Select(e => e.PersonId).FirstAsync();
            var mentorship = new Mentorship { ProgramId = id, MentorId = mentor, MenteeId = mentees[0].Id, CreatedAt = NodaTime.SystemClock.Instance.GetCurrentInstant() };
            db.Mentorships.Add(mentorship);
            await db.SaveChangesAsync();
            mentorshipId = mentorship.Id;
        }
        var (surveyId, questions) = await Respondents.SurveyAsync(app, id);
        using (var respondent = await Respondents.ClientAsync(app, mentees[0]))
        {
            (await Respondents.AnswerAsync(respondent, surveyId, new { questionId = Respondents.QuestionOf(questions, "scale"), value = 4 })).EnsureSuccessStatusCode();
        }

        var evaluating = await (await admin.PostJsonAsync($"/api/programs/{id}/transition", new { to = "evaluating" })).ReadAsync<JsonElement>();
        Assert.Equal("evaluating", evaluating.GetProperty("status").GetString());
        var evaluation = await (await admin.GetAsync($"/api/programs/{id}/evaluation")).ReadAsync<JsonElement>();
        var criterion = evaluation.GetProperty("criteria")[0];
        Assert.Equal("Most mentees have a mentor", criterion.GetProperty("text").GetString());
        Assert.True(criterion.GetProperty("measured").GetDouble() > 0);
        Assert.Single(evaluation.GetProperty("surveys").EnumerateArray());
        Assert.True(evaluation.GetProperty("surveys")[0].GetProperty("hidden").GetBoolean());

        var active = await (await admin.PostJsonAsync($"/api/programs/{id}/transition", new { to = "active" })).ReadAsync<JsonElement>();
        Assert.Equal("active", active.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, active.GetProperty("scope").ValueKind);
        Assert.Equal(["draft", "pilot", "evaluating"], active.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("from").GetString()));
        Assert.All(active.GetProperty("transitions").EnumerateArray(), t => Assert.Equal(AppFixture.EmailOfRole[Roles.Admin], t.GetProperty("by").GetString()));
        await using (var db = app.OpenContext())
        {
            Assert.True(await db.Mentorships.AnyAsync(m => m.Id == mentorshipId && m.Status == MentorshipStatus.Active));
            Assert.Equal(1, await db.SurveyResponses.CountAsync(r => r.SurveyId == surveyId));
        }
        // Expanded, the program takes anyone.
        (await admin.PostJsonAsync($"/api/programs/{id}/enrollments", new { personId = outsider.Id, role = "mentee" })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_reverse_mentoring_program_needs_a_sponsor_and_starts_as_a_pilot()
    {
        using var admin = app.As(Roles.Admin);
        var id = (await (await admin.PostJsonAsync("/api/programs/", new { name = "Reverse pilot", kind = "reverse-mentoring" })).ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync($"/api/programs/{id}/transition", new { to = "active" })).StatusCode);
        var noSponsor = await admin.PostJsonAsync($"/api/programs/{id}/transition", new { to = "pilot", scope = new { kind = "office", value = "London" } });
        Assert.Equal(HttpStatusCode.BadRequest, noSponsor.StatusCode);
        Assert.Contains("sponsor", await noSponsor.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var notASponsor = await admin.PutJsonAsync($"/api/programs/{id}/sponsor", new { personId = (await Respondents.PeopleAsync(app, 1)).Single().Id });
        Assert.Equal(HttpStatusCode.BadRequest, notASponsor.StatusCode);
        int sponsorId;
        await using (var db = app.OpenContext())
        {
            sponsorId = (await db.Users.SingleAsync(u => u.Email == AppFixture.EmailOfRole[Roles.Sponsor])).PersonId!.Value;
        }
        (await admin.PutJsonAsync($"/api/programs/{id}/sponsor", new { personId = sponsorId })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync($"/api/programs/{id}/transition", new { to = "pilot", scope = new { kind = "office", value = "London" } })).EnsureSuccessStatusCode();

        // The sponsor sees the evaluation and writes to everyone enrolled; a mentor does neither.
        (await admin.PostJsonAsync($"/api/programs/{id}/enrollments/bulk", new { role = "mentee", levels = new[] { 1 } })).EnsureSuccessStatusCode();
        using var sponsor = app.As(Roles.Sponsor);
        var view = await (await sponsor.GetAsync($"/api/programs/{id}/evaluation")).ReadAsync<JsonElement>();
        Assert.Equal(sponsorId, view.GetProperty("sponsor").GetProperty("personId").GetInt32());
        var sent = await (await sponsor.PostJsonAsync($"/api/programs/{id}/sponsor-message", new { subject = "Thank you", body = "Your time matters." })).ReadAsync<JsonElement>();
        await using (var db = app.OpenContext())
        {
            var enrolled = await db.Enrollments.CountAsync(e => e.ProgramId == id && e.Person!.Email != null);
            Assert.Equal(enrolled, sent.GetProperty("sent").GetInt32());
            Assert.Equal(enrolled, await db.Notifications.CountAsync(n => n.Subject == "Reverse pilot: Thank you"));
        }
        using var mentor = app.As(Roles.Mentor);
        Assert.Equal(HttpStatusCode.Forbidden, (await mentor.PostJsonAsync($"/api/programs/{id}/sponsor-message", new { subject = "x", body = "y" })).StatusCode);
        var noBody = await sponsor.PostJsonAsync($"/api/programs/{id}/sponsor-message", new { subject = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
    }
}
