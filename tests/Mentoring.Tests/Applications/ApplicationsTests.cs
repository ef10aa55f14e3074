using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Features.Applications;
using Mentoring.Features.Matching;
using Mentoring.Features.Programs;
using Mentoring.Features.Accounts;
using Mentoring.Infrastructure;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mentoring.Tests.Applications;

/// <summary>
/// Applications through the real API on each store: the admin's form, applying, automatic and admin
/// approval, the waitlist moving up, each bad field named, the answers in the admin's review and in
/// matching's explanations, and an enrollment's row kept across withdraw and re-enroll.
/// </summary>
public abstract class ApplicationsTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    private const string Form = """
        {"isOpen":true,"approval":"automatic","capacity":{"mentor":null,"mentee":1,"participant":0},"intro":"Tell us about you",
         "questions":[
           {"text":"What do you hope to learn?","kind":"long-text","required":true,"mapsTo":"goals"},
           {"text":"Which topics interest you?","kind":"multiple-choice","required":false,"options":["Chess","Negotiation","Public speaking"],"mapsTo":"interests"},
           {"text":"How do you prefer to meet?","kind":"single-choice","required":false,"options":["In person","By video"]},
           {"text":"How ready are you?","kind":"scale","required":false},
           {"text":"Your team","kind":"short-text","required":false}]}
        """;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<int> NewProgramAsync(HttpClient admin, string name, string form = Form)
    {
        var created = await admin.PostJsonAsync("/api/programs/", new ProgramInput { Name = $"{name} {Guid.NewGuid():N}", Kind = ProgramKind.Mentoring, Status = ProgramStatus.Active });
        var id = (await created.ReadAsync<ProgramDto>()).Id;
        var saved = await admin.PutAsync($"/api/programs/{id}/application-form", Json(form));
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>A new person on the roster with an account of their own, calling with their API token.</summary>
    private async Task<(int PersonId, HttpClient Client)> NewApplicantAsync(string name, params string[] interests)
    {
        var key = Guid.NewGuid().ToString("N")[..10];
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Mentoring.Data.MentoringDbContext>();
        var person = new Person { ExternalId = "A" + key, Name = name, Email = $"{key}@apply.test", Level = 2, Interests = [.. interests] };
        db.People.Add(person);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var account = new UserAccount { UserName = person.Email, Email = person.Email, PersonId = person.Id, DisplayName = name, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(account, "apply-" + key)).Succeeded);
        await users.AddToRoleAsync(account, Roles.Mentee);
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(account.Id, "tests", CancellationToken.None);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        return (person.Id, client);
    }

    private static async Task<ApplicationFormDto> FormOfAsync(HttpClient admin, int programId) =>
        await (await admin.GetAsync($"/api/programs/{programId}/application-form")).ReadAsync<ApplicationFormDto>();

    private static string Answers(ApplicationFormDto form, string goal = "I want to learn negotiation", string[]? topics = null) =>
        JsonSerializer.Serialize(new
        {
            role = "mentee",
            answers = new object[]
            {
                new { questionId = form.Questions[0].Id, value = (object)goal },
                new { questionId = form.Questions[1].Id, value = (object)(topics ?? ["Negotiation"]) },
                new { questionId = form.Questions[3].Id, value = (object)4 },
            },
        });

    private static async Task<ApplicationDto> ApplyAsync(HttpClient client, int programId, string body)
    {
        var response = await client.PostAsync($"/api/programs/{programId}/applications", Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<ApplicationDto>();
    }

    [Fact]
    public async Task Automatic_approval_fills_the_places_then_waitlists_and_a_withdrawal_moves_the_first_up()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await NewProgramAsync(admin, "Auto");
        var form = await FormOfAsync(admin, programId);
        Assert.True(form.OpenToday);
        var (annId, ann) = await NewApplicantAsync("Ann Auto");
        var (_, bob) = await NewApplicantAsync("Bob Auto");
        var (_, cleo) = await NewApplicantAsync("Cleo Auto");

        // It shows among the open programs of a person who has not applied.
        var open = await (await ann.GetAsync("/api/programs/open")).ReadAsync<List<OpenProgramDto>>();
        Assert.Null(Assert.Single(open, p => p.ProgramId == programId).Mine);

        var first = await ApplyAsync(ann, programId, Answers(form));
        Assert.Equal(ApplicationStatus.Approved, first.Status);
        var second = await ApplyAsync(bob, programId, Answers(form));
        Assert.Equal((ApplicationStatus.Waitlisted, (int?)1), (second.Status, second.WaitlistPlace));
        var third = await ApplyAsync(cleo, programId, Answers(form));
        Assert.Equal((ApplicationStatus.Waitlisted, (int?)2), (third.Status, third.WaitlistPlace));
        Assert.Equal(ApplicationStatus.Waitlisted, (await (await cleo.GetAsync("/api/me/applications")).ReadAsync<List<ApplicationDto>>()).Single(a => a.ProgramId == programId).Status);

        // Ann withdraws: Bob gets her place, Cleo moves to first on the waitlist.
        var withdrawn = await (await ann.PostAsync($"/api/applications/{first.Id}/withdraw", null)).ReadAsync<ApplicationDto>();
        Assert.Equal(ApplicationStatus.Withdrawn, withdrawn.Status);
        var mine = await (await bob.GetAsync("/api/me/applications")).ReadAsync<List<ApplicationDto>>();
        Assert.Equal(ApplicationStatus.Approved, mine.Single(a => a.ProgramId == programId).Status);
        var cleos = await (await cleo.GetAsync("/api/me/applications")).ReadAsync<List<ApplicationDto>>();
        Assert.Equal((ApplicationStatus.Waitlisted, (int?)1), (cleos.Single(a => a.ProgramId == programId).Status, cleos.Single(a => a.ProgramId == programId).WaitlistPlace));

        var review = await (await admin.GetAsync($"/api/programs/{programId}/applications")).ReadAsync<ApplicationReview>();
        Assert.Equal(new RoleCount(EnrollmentRole.Mentee, 1, 1, 1, 0), review.Counts.Single(c => c.Role == EnrollmentRole.Mentee));

        // Ann's row stays, withdrawn, with her answers; she counts as not enrolled.
        await using var db = app.OpenContext();
        var row = await db.Enrollments.IgnoreQueryFilters().SingleAsync(e => e.ProgramId == programId && e.PersonId == annId);
        Assert.Equal(EnrollmentStatus.Withdrawn, row.Status);
        Assert.NotNull(row.WithdrawnAt);
        Assert.Contains(row.Answers, a => a.Values.SequenceEqual(["I want to learn negotiation"]));
        Assert.Equal(1, await db.Enrollments.CountAsync(e => e.ProgramId == programId));
    }

    [Fact]
    public async Task Admin_approval_waits_for_the_admin_who_sees_the_answers_and_a_decline_frees_the_place()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await NewProgramAsync(admin, "By admin", Form.Replace("\"automatic\"", "\"admin\"", StringComparison.Ordinal));
        var form = await FormOfAsync(admin, programId);
        var (_, dana) = await NewApplicantAsync("Dana Admin");
        var (_, eli) = await NewApplicantAsync("Eli Admin");

        var applied = await ApplyAsync(dana, programId, Answers(form, "Run a team of my own", ["Chess", "Public speaking"]));
        Assert.Equal(ApplicationStatus.Submitted, applied.Status);
        var other = await ApplyAsync(eli, programId, Answers(form));
        Assert.Equal(ApplicationStatus.Submitted, other.Status);

        var review = await (await admin.GetAsync($"/api/programs/{programId}/applications")).ReadAsync<ApplicationReview>();
        var seen = review.Applications.Single(a => a.Id == applied.Id);
        Assert.Equal(["Run a team of my own"], seen.Answers.Single(a => a.QuestionId == form.Questions[0].Id).Values);
        Assert.Equal(["Chess", "Public speaking"], seen.Answers.Single(a => a.QuestionId == form.Questions[1].Id).Values);
        Assert.Equal(["4"], seen.Answers.Single(a => a.QuestionId == form.Questions[3].Id).Values);
        Assert.Equal(2, review.Counts.Single(c => c.Role == EnrollmentRole.Mentee).Submitted);
        // The review page shows them too.
        var page = await admin.GetStringAsync($"/Programs/{programId}/Applications");
        Assert.Contains("Run a team of my own", page);
        Assert.Contains("Chess, Public speaking", page);

        Assert.Equal(ApplicationStatus.Approved, (await (await admin.PostAsync($"/api/applications/{applied.Id}/approve", null)).ReadAsync<ApplicationDto>()).Status);
        // The one place is taken: approving Eli puts him on the waitlist.
        var waiting = await (await admin.PostAsync($"/api/applications/{other.Id}/approve", null)).ReadAsync<ApplicationDto>();
        Assert.Equal((ApplicationStatus.Waitlisted, (int?)1), (waiting.Status, waiting.WaitlistPlace));
        // Declining Dana frees her place for Eli.
        Assert.Equal(ApplicationStatus.Declined, (await (await admin.PostAsync($"/api/applications/{applied.Id}/decline", null)).ReadAsync<ApplicationDto>()).Status);
        var eliNow = await (await eli.GetAsync("/api/me/applications")).ReadAsync<List<ApplicationDto>>();
        Assert.Equal(ApplicationStatus.Approved, eliNow.Single(a => a.ProgramId == programId).Status);

        // Nobody else may decide or withdraw someone else's application.
        Assert.Equal(HttpStatusCode.Forbidden, (await dana.PostAsync($"/api/applications/{other.Id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dana.PostAsync($"/api/applications/{other.Id}/withdraw", null)).StatusCode);
    }

    [Theory]
    [InlineData("missing-required", "answers.{0}")]
    [InlineData("wrong-kind", "answers.{1}")]
    [InlineData("not-offered", "answers.{1}")]
    [InlineData("single-not-offered", "answers.{2}")]
    [InlineData("scale-out-of-range", "answers.{3}")]
    [InlineData("text-for-scale", "answers.{3}")]
    [InlineData("unknown-question", "answers.999")]
    [InlineData("bad-role", "role")]
    [InlineData("role-not-taken", "role")]
    [InlineData("closed", "programId")]
    [InlineData("twice", "programId")]
    public async Task A_bad_application_is_named_by_its_field_and_nothing_is_written(string bad, string field)
    {
        using var admin = app.As(Roles.Admin);
        var programId = await NewProgramAsync(admin, "Bad " + bad);
        var form = await FormOfAsync(admin, programId);
        var (personId, client) = await NewApplicantAsync("Fay " + bad);
        var q = form.Questions.Select(x => x.Id).ToArray();
        string Body(params object[] answers) => JsonSerializer.Serialize(new { role = "mentee", answers });
        object A(int id, object value) => new { questionId = id, value };
        var goal = A(q[0], "Grow");
        var body = bad switch
        {
            "missing-required" => Body(A(q[1], new[] { "Chess" })),
            "wrong-kind" => Body(goal, A(q[1], "Chess")),
            "not-offered" => Body(goal, A(q[1], new[] { "Chess", "Juggling" })),
            "single-not-offered" => Body(goal, A(q[2], "By pigeon")),
            "scale-out-of-range" => Body(goal, A(q[3], 6)),
            "text-for-scale" => Body(goal, A(q[3], "high")),
            "unknown-question" => Body(goal, A(999, "?")),
            "bad-role" => JsonSerializer.Serialize(new { role = "coach", answers = new[] { goal } }),
            "role-not-taken" => JsonSerializer.Serialize(new { role = "participant", answers = new[] { goal } }),
            _ => Body(goal),
        };
        if (bad == "closed")
        {
            var closed = await admin.PutAsync($"/api/programs/{programId}/application-form", Json(Form.Replace("\"isOpen\":true", "\"isOpen\":false", StringComparison.Ordinal)));
            Assert.True(closed.IsSuccessStatusCode);
        }
        if (bad == "twice")
        {
            await ApplyAsync(client, programId, body);
        }
        var response = await client.PostAsync($"/api/programs/{programId}/applications", Json(body));
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(problem);
        var errors = json.RootElement.GetProperty("errors");
        var expected = string.Format(System.Globalization.CultureInfo.InvariantCulture, field, q.Cast<object>().ToArray());
        Assert.True(errors.TryGetProperty(expected, out _), problem);
        Assert.Single(errors.EnumerateObject());
        await using var db = app.OpenContext();
        Assert.Equal(bad == "twice" ? 1 : 0, await db.Enrollments.IgnoreQueryFilters().CountAsync(e => e.ProgramId == programId && e.PersonId == personId));
    }

    [Theory]
    [InlineData("""{"isOpen":true,"questions":[{"text":"Pick","kind":"single-choice","options":["Only one"]}]}""", "questions[0].options")]
    [InlineData("""{"isOpen":true,"questions":[{"text":"","kind":"short-text"}]}""", "questions[0].text")]
    [InlineData("""{"isOpen":true,"questions":[{"text":"Why?","kind":"short-text","options":["a","b"]}]}""", "questions[0].options")]
    [InlineData("""{"isOpen":true,"questions":[{"text":"Why?"}]}""", "questions[0].kind")]
    [InlineData("""{"isOpen":true,"capacity":{"mentee":-1}}""", "capacity.mentee")]
    [InlineData("""{"isOpen":true,"opensOn":"2027-02-01","closesOn":"2027-01-01"}""", "closesOn")]
    [InlineData("""{"isOpen":true,"timeZone":"Mars/Olympus"}""", "timeZone")]
    public async Task A_bad_form_is_named_by_its_field(string body, string field)
    {
        using var admin = app.As(Roles.Admin);
        var programId = await NewProgramAsync(admin, "Bad form");
        var response = await admin.PutAsync($"/api/programs/{programId}/application-form", Json(body));
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(problem);
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem);
    }

    [Fact]
    public async Task A_mapped_answer_feeds_the_score_and_matching_says_it_came_from_the_application()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await NewProgramAsync(admin, "Mapped");
        var form = await FormOfAsync(admin, programId);
        var (mentorId, _) = await NewApplicantAsync("Gus Mentor", "Chess");
        await using (var db = app.OpenContext())
        {
            var gus = await db.People.SingleAsync(p => p.Id == mentorId);
            gus.Level = 4;
            await db.SaveChangesAsync();
        }
        var enrolled = await admin.PostJsonAsync($"/api/programs/{programId}/enrollments", new EnrollmentInput { PersonId = mentorId, Role = EnrollmentRole.Mentor, Capacity = 1 });
        Assert.True(enrolled.IsSuccessStatusCode, await enrolled.Content.ReadAsStringAsync());
        var (menteeId, hana) = await NewApplicantAsync("Hana Mentee");
        Assert.Equal(ApplicationStatus.Approved, (await ApplyAsync(hana, programId, Answers(form, "Get better at strategy", ["Chess"]))).Status);

        var started = await admin.PostAsync($"/api/programs/{programId}/matching/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await started.ReadAsync<MatchRunDto>();
        for (var i = 0; i < 600 && run.Status == MatchRunStatus.Running; i++)
        {
            await Task.Delay(100);
            run = await (await admin.GetAsync($"/api/matching/runs/{run.Id}")).ReadAsync<MatchRunDto>();
        }
        run = await (await admin.GetAsync($"/api/matching/runs/{run.Id}")).ReadAsync<MatchRunDto>();
        var proposal = run.Proposals!.Single(p => p.Mentee.Id == menteeId);
        Assert.Equal(mentorId, proposal.Mentor?.Id);
        var interests = proposal.Reasons.Single(r => r.Factor == "interests");
        Assert.Equal("Both enjoy Chess. Said in their application: \"Chess\"", interests.Text);
    }

    [Fact]
    public async Task Withdrawing_keeps_the_enrollment_row_and_enrolling_again_brings_it_back()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await NewProgramAsync(admin, "History");
        var (personId, _) = await NewApplicantAsync("Ivy History");
        var created = await (await admin.PostJsonAsync($"/api/programs/{programId}/enrollments",
            new EnrollmentInput { PersonId = personId, Role = EnrollmentRole.Mentee, Capacity = 0, Goals = "Lead a project" })).ReadAsync<EnrollmentDto>();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/enrollments/{created.Id}")).StatusCode);
        await using (var db = app.OpenContext())
        {
            Assert.False(await db.Enrollments.AnyAsync(e => e.Id == created.Id));
            var kept = await db.Enrollments.IgnoreQueryFilters().SingleAsync(e => e.Id == created.Id);
            Assert.Equal((EnrollmentStatus.Withdrawn, "Lead a project"), (kept.Status, kept.Goals));
            Assert.Equal(AppFixture.EmailOfRole[Roles.Admin], kept.WithdrawnBy);
        }
        var listed = await (await admin.GetAsync($"/api/programs/{programId}/enrollments")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Ivy History", listed);
        // The program page lists her as no longer enrolled.
        Assert.Contains("Ivy History", await admin.GetStringAsync($"/Programs/{programId}"));

        var again = await admin.PostJsonAsync($"/api/programs/{programId}/enrollments",
            new EnrollmentInput { PersonId = personId, Role = EnrollmentRole.Mentee, Capacity = 0, Goals = "Lead a project" });
        Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync());
        Assert.Equal(created.Id, (await again.ReadAsync<EnrollmentDto>()).Id);

        // And the same by rule: withdraw, then the bulk enrollment counts her as enrolled again, on the same row.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/enrollments/{created.Id}")).StatusCode);
        await using (var db = app.OpenContext())
        {
            var externalId = await db.People.Where(p => p.Id == personId).Select(p => p.ExternalId).SingleAsync();
            var bulk = await admin.PostAsync($"/api/programs/{programId}/enrollments/bulk", Json(JsonSerializer.Serialize(new { externalIds = new[] { externalId } })));
            Assert.Equal(new Mentoring.Features.Enrollments.BulkEnrollmentResult(1, 1, 0), await bulk.ReadAsync<Mentoring.Features.Enrollments.BulkEnrollmentResult>());
        }
        await using (var db = app.OpenContext())
        {
            var row = await db.Enrollments.SingleAsync(e => e.ProgramId == programId && e.PersonId == personId);
            Assert.Equal((created.Id, EnrollmentStatus.Active, "Lead a project"), (row.Id, row.Status, row.Goals));
        }
    }

    [Fact]
    public async Task A_person_applies_from_the_pages()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await NewProgramAsync(admin, "Pages");
        var form = await FormOfAsync(admin, programId);
        using var mentee = app.As(Roles.Mentee);
        var home = await mentee.GetStringAsync("/");
        Assert.Contains($"href=\"/Applications/{programId}\"", home);
        var page = await mentee.GetStringAsync($"/Applications/{programId}");
        var posted = await mentee.PostAsync($"/Applications/{programId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFixture.AntiforgeryToken(page),
            ["Role"] = "mentee",
            [$"Answers[{form.Questions[0].Id}]"] = "Speak up in meetings",
            [$"Answers[{form.Questions[3].Id}]"] = "5",
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await mentee.GetStringAsync($"/Applications/{programId}");
        Assert.Contains("data-status=\"approved\"", after);
        Assert.Contains("Speak up in meetings", after);
    }
}

public sealed class SqliteApplicationsTests(SqliteAppFixture app) : ApplicationsTests<SqliteAppFixture>(app);

public sealed class PostgresApplicationsTests(PostgresAppFixture app) : ApplicationsTests<PostgresAppFixture>(app);
