using System.Net;
using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Surveys;

/// <summary>Surveys through the real API: sending, answering, and aggregates that never show one person.</summary>
public abstract class SurveyAnonymityTests(AppFixture app)
{
    [Fact]
    public async Task With_four_respondents_results_are_hidden_and_with_five_they_are_shown()
    {
        var people = await Respondents.PeopleAsync(app, 6);
        var programId = await Respondents.ProgramWithAsync(app, people.Take(5));
        var (surveyId, questions) = await Respondents.SurveyAsync(app, programId);
        var scale = Respondents.QuestionOf(questions, "scale");
        Assert.Contains(questions.EnumerateArray(), q => q.GetProperty("kind").GetString() == "multi" && q.GetProperty("options").GetArrayLength() > 0);
        using var admin = app.As(Roles.Admin);

        var sent = await (await admin.PostAsync($"/api/surveys/{surveyId}/send", null)).ReadAsync<JsonElement>();
        Assert.Equal(5, sent.GetProperty("sent").GetInt32());
        Assert.Equal(0, (await (await admin.PostAsync($"/api/surveys/{surveyId}/send", null)).ReadAsync<JsonElement>()).GetProperty("sent").GetInt32());
        await using (var db = app.OpenContext())
        {
            var mails = await db.Notifications.Where(n => n.Subject.Contains("Test start survey")).ToListAsync();
            Assert.Equal(people.Take(5).Select(p => p.Email).Order(), mails.Select(m => m.Recipient).Order());
            Assert.All(mails, m => Assert.Contains($"/Surveys/{surveyId}/Answer", m.Body, StringComparison.Ordinal));
        }

        var clients = new List<HttpClient>();
        foreach (var (person, i) in people.Take(5).Select((p, i) => (p, i)))
        {
            clients.Add(await Respondents.ClientAsync(app, person));
        }
        for (var i = 0; i < 4; i++)
        {
            (await Respondents.AnswerAsync(clients[i], surveyId, new { questionId = scale, value = i + 1 })).EnsureSuccessStatusCode();
        }
        var hidden = await (await admin.GetAsync($"/api/surveys/{surveyId}/results")).ReadAsync<JsonElement>();
        Assert.True(hidden.GetProperty("hidden").GetBoolean());
        Assert.Contains("5", hidden.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, hidden.GetProperty("questions").GetArrayLength());

        (await Respondents.AnswerAsync(clients[4], surveyId, new { questionId = scale, value = 5 })).EnsureSuccessStatusCode();
        var shown = await (await admin.GetAsync($"/api/surveys/{surveyId}/results")).ReadAsync<JsonElement>();
        Assert.False(shown.GetProperty("hidden").GetBoolean());
        Assert.Equal(5, shown.GetProperty("respondents").GetInt32());
        var q = shown.GetProperty("questions").EnumerateArray().Single(x => x.GetProperty("questionId").GetInt32() == scale);
        Assert.Equal(3.0, q.GetProperty("mean").GetDouble());
        Assert.Equal(1, q.GetProperty("counts").GetProperty("4").GetInt32());

        // A second answer replaces the first: still five respondents, the mean moves.
        (await Respondents.AnswerAsync(clients[0], surveyId, new { questionId = scale, value = 5 })).EnsureSuccessStatusCode();
        var replaced = await (await admin.GetAsync($"/api/surveys/{surveyId}/results")).ReadAsync<JsonElement>();
        Assert.Equal(5, replaced.GetProperty("respondents").GetInt32());
        Assert.Equal(3.8, replaced.GetProperty("questions").EnumerateArray().Single(x => x.GetProperty("questionId").GetInt32() == scale).GetProperty("mean").GetDouble());

        // A wrong value is a 400 naming the question; someone outside the program may not answer.
        var bad = await Respondents.AnswerAsync(clients[1], surveyId, new { questionId = scale, value = 9 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("answers[0].value", problem, StringComparison.Ordinal);
        Assert.Contains($"question {scale}", problem, StringComparison.Ordinal);
        using var outsider = await Respondents.ClientAsync(app, people[5]);
        Assert.Equal(HttpStatusCode.Forbidden, (await Respondents.AnswerAsync(outsider, surveyId, new { questionId = scale, value = 3 })).StatusCode);
    }

    [Fact]
    public async Task By_office_hides_the_small_office_and_the_next_smallest_when_subtraction_would_reveal_it()
    {
        var london = await Respondents.PeopleAsync(app, 6, office: "London");
        var newYork = await Respondents.PeopleAsync(app, 5, office: "New York");
        var bengaluru = await Respondents.PeopleAsync(app, 2, office: "Bengaluru");
        var everyone = london.Concat(newYork).Concat(bengaluru).ToList();
        var programId = await Respondents.ProgramWithAsync(app, everyone);
        var (surveyId, questions) = await Respondents.SurveyAsync(app, programId);
        var scale = Respondents.QuestionOf(questions, "scale");
        foreach (var person in everyone)
        {
            using var client = await Respondents.ClientAsync(app, person);
            var value = person.Office!.Name == "Bengaluru" ? 1 : 4;
            (await Respondents.AnswerAsync(client, surveyId, new { questionId = scale, value })).EnsureSuccessStatusCode();
        }
        using var admin = app.As(Roles.Admin);
        var results = await (await admin.GetAsync($"/api/surveys/{surveyId}/results?by=office")).ReadAsync<JsonElement>();
        Assert.Equal(13, results.GetProperty("respondents").GetInt32());
        var groups = results.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("value").GetString()!);
        Assert.False(groups["London"].GetProperty("hidden").GetBoolean());
        Assert.Equal(6, groups["London"].GetProperty("respondents").GetInt32());
        foreach (var small in new[] { "Bengaluru", "New York" })
        {
            Assert.True(groups[small].GetProperty("hidden").GetBoolean());
            Assert.False(string.IsNullOrWhiteSpace(groups[small].GetProperty("reason").GetString()));
            Assert.Equal(0, groups[small].GetProperty("questions").GetArrayLength());
        }
        // Nothing in the CSV either.
        var csv = await admin.GetStringAsync($"/api/surveys/{surveyId}/results.csv?by=office");
        Assert.Contains("London", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Bengaluru", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("New York", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_free_text_marker_never_appears_alone_nor_with_a_name_and_nobody_else_reads_a_response()
    {
        var people = await Respondents.PeopleAsync(app, 5);
        var programId = await Respondents.ProgramWithAsync(app, people);
        using var admin = app.As(Roles.Admin);
        await using (var db = app.OpenContext())
        {
            var sponsor = await db.Users.Where(u => u.Email == AppFixture.EmailOfRole[Roles.Sponsor]).Select(u => u.PersonId).SingleAsync();
            (await admin.PutJsonAsync($"/api/programs/{programId}/sponsor", new { personId = sponsor })).EnsureSuccessStatusCode();
        }
        var (surveyId, questions) = await Respondents.SurveyAsync(app, programId);
        var scale = Respondents.QuestionOf(questions, "scale");
        var text = Respondents.QuestionOf(questions, "text");
        var marker = "MARKER-" + Guid.NewGuid().ToString("N");
        var clients = new List<HttpClient>();
        foreach (var person in people)
        {
            clients.Add(await Respondents.ClientAsync(app, person));
        }
        (await Respondents.AnswerAsync(clients[0], surveyId, new { questionId = scale, value = 2 }, new { questionId = text, value = marker })).EnsureSuccessStatusCode();
        for (var i = 1; i < 5; i++)
        {
            (await Respondents.AnswerAsync(clients[i], surveyId, new { questionId = scale, value = 4 })).EnsureSuccessStatusCode();
        }

        // Only one text: it is shown to nobody, by no endpoint, in no breakdown.
        var readers = new[] { app.As(Roles.Admin), app.As(Roles.Sponsor), app.As(Roles.Mentor), app.As(Roles.Mentee) };
        async Task<string> Everything(HttpClient reader)
        {
            var bodies = new List<string>();
            foreach (var url in new[] { $"/api/surveys/{surveyId}/results", $"/api/surveys/{surveyId}/results?by=office", $"/api/surveys/{surveyId}/results?by=role",
                $"/api/surveys/{surveyId}/results?by=department", $"/api/surveys/{surveyId}/results?by=level", $"/api/surveys/{surveyId}/results.csv",
                $"/api/surveys/{surveyId}", $"/api/surveys/{surveyId}/responses/me", $"/api/surveys/{surveyId}/responses", $"/api/programs/{programId}/evaluation",
                $"/api/programs/{programId}/surveys", $"/api/programs/{programId}/surveys/comparison", $"/Surveys/{surveyId}/Results", $"/Surveys/{surveyId}/Answer" })
            {
                bodies.Add(await (await reader.GetAsync(url)).Content.ReadAsStringAsync());
            }
            return string.Join("\n", bodies);
        }
        foreach (var reader in readers)
        {
            Assert.DoesNotContain(marker, await Everything(reader), StringComparison.Ordinal);
        }

        // Its author reads it back; the admin and the sponsor have no way to one person's response.
        var mine = await (await clients[0].GetAsync($"/api/surveys/{surveyId}/responses/me")).Content.ReadAsStringAsync();
        Assert.Contains(marker, mine, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await readers[0].GetAsync($"/api/surveys/{surveyId}/responses/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await readers[1].GetAsync($"/api/surveys/{surveyId}/responses/me")).StatusCode);

        // Among five texts it is shown, in the total only, without anyone's name.
        for (var i = 1; i < 5; i++)
        {
            (await Respondents.AnswerAsync(clients[i], surveyId, new { questionId = scale, value = 4 }, new { questionId = text, value = $"Other thought {i}" })).EnsureSuccessStatusCode();
        }
        foreach (var reader in readers.Take(2))
        {
            var total = await (await reader.GetAsync($"/api/surveys/{surveyId}/results")).ReadAsync<JsonElement>();
            var texts = total.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("questionId").GetInt32() == text).GetProperty("texts");
            Assert.Equal(5, texts.GetArrayLength());
            Assert.Contains(texts.EnumerateArray(), t => t.GetString() == marker);
            var all = await Everything(reader);
            Assert.All(people, p => Assert.DoesNotContain(p.Name, all, StringComparison.Ordinal));
            var byOffice = await (await reader.GetAsync($"/api/surveys/{surveyId}/results?by=office")).Content.ReadAsStringAsync();
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(byOffice, marker));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await readers[2].GetAsync($"/api/surveys/{surveyId}/results")).StatusCode);

        // A sponsor of another program reads nothing of this one.
        (await admin.PutJsonAsync($"/api/programs/{programId}/sponsor", new { personId = (int?)null })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await readers[1].GetAsync($"/api/surveys/{surveyId}/results")).StatusCode);
        foreach (var c in clients.Concat(readers))
        {
            c.Dispose();
        }
    }

    [Fact]
    public async Task K_is_settable_per_program_but_never_below_three()
    {
        var people = await Respondents.PeopleAsync(app, 3);
        var programId = await Respondents.ProgramWithAsync(app, people);
        using var admin = app.As(Roles.Admin);
        var low = await admin.PutJsonAsync($"/api/programs/{programId}/survey-settings", new { k = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, low.StatusCode);
        var lowBody = await low.Content.ReadAsStringAsync();
        Assert.Contains("at least 3", lowBody, StringComparison.Ordinal);
        Assert.Contains("\"k\"", lowBody, StringComparison.Ordinal);
        (await admin.PutJsonAsync($"/api/programs/{programId}/survey-settings", new { k = 3 })).EnsureSuccessStatusCode();
        var (surveyId, questions) = await Respondents.SurveyAsync(app, programId, "end");
        var nps = Respondents.QuestionOf(questions, "nps");
        var multi = questions.EnumerateArray().First(q => q.GetProperty("kind").GetString() == "multi");
        var option = multi.GetProperty("options")[0].GetString();
        foreach (var person in people)
        {
            using var client = await Respondents.ClientAsync(app, person);
            (await Respondents.AnswerAsync(client, surveyId, new { questionId = nps, value = 10 },
                new { questionId = multi.GetProperty("id").GetInt32(), value = new[] { option } })).EnsureSuccessStatusCode();
        }
        var results = await (await admin.GetAsync($"/api/surveys/{surveyId}/results?by=role")).ReadAsync<JsonElement>();
        Assert.Equal(3, results.GetProperty("respondents").GetInt32());
        var counts = results.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("questionId").GetInt32() == multi.GetProperty("id").GetInt32()).GetProperty("counts");
        Assert.Equal(3, counts.GetProperty(option!).GetInt32());
        Assert.Equal("mentee", results.GetProperty("groups")[0].GetProperty("value").GetString());
    }
}

public sealed class SqliteSurveyAnonymityTests(SqliteAppFixture app) : SurveyAnonymityTests(app), IClassFixture<SqliteAppFixture>;

public sealed class PostgresSurveyAnonymityTests(PostgresAppFixture app) : SurveyAnonymityTests(app), IClassFixture<PostgresAppFixture>;
