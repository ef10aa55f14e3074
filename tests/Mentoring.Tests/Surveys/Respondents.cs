using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Features.Accounts;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Surveys;

/// <summary>People on the demo roster with their own account and API token, to answer surveys as themselves.</summary>
public static class Respondents
{
    /// <summary>Active people with an e-mail and no account yet, in the given office (any when null).</summary>
    public static async Task<List<Person>> PeopleAsync(AppFixture app, int count, string? office = null, string? department = null, IEnumerable<int>? except = null)
    {
        await using var db = app.OpenContext();
        var taken = await db.Users.Where(u => u.PersonId != null).Select(u => u.PersonId!.Value).ToListAsync();
        taken.AddRange(except ?? []);
        var people = db.People.Include(p => p.Office).Where(p => p.Active && p.Email != null && !taken.Contains(p.Id));
        if (office is not null)
        {
            people = people.Where(p => p.Office!.Name == office);
        }
        if (department is not null)
        {
            people = people.Where(p => p.Department == department);
        }
        var found = await people.OrderBy(p => p.Id).Take(count).ToListAsync();
        Assert.Equal(count, found.Count);
        return found;
    }

    /// <summary>A client that calls the API as this person (a fresh account with the mentee role).</summary>
    public static async Task<HttpClient> ClientAsync(AppFixture app, Person person)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var account = await users.FindByEmailAsync(person.Email!);
        if (account is null)
        {
            account = new UserAccount { UserName = person.Email, Email = person.Email, EmailConfirmed = true, DisplayName = person.Name, PersonId = person.Id };
            Assert.True((await users.CreateAsync(account)).Succeeded);
            Assert.True((await users.AddToRoleAsync(account, Roles.Mentee)).Succeeded);
        }
        var secret = (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(account.Id, "survey tests", CancellationToken.None)).Secret;
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A new active mentoring program with these people enrolled as mentees; answers its id.</summary>
    public static async Task<int> ProgramWithAsync(AppFixture app, IEnumerable<Person> people, string? start = null, string? end = null, string status = "active")
    {
        using var admin = app.As(Roles.Admin);
        var created = await admin.PostJsonAsync("/api/programs/", new { name = $"Survey test {Guid.NewGuid():N}", kind = "mentoring", status, startDate = start, endDate = end });
        var id = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        foreach (var person in people)
        {
            var enrolled = await admin.PostJsonAsync($"/api/programs/{id}/enrollments", new { personId = person.Id, role = "mentee" });
            Assert.True(enrolled.IsSuccessStatusCode, await enrolled.Content.ReadAsStringAsync());
        }
        return id;
    }

    public static async Task<(int Id, JsonElement Questions)> SurveyAsync(AppFixture app, int programId, string template = "start")
    {
        using var admin = app.As(Roles.Admin);
        var created = await (await admin.PostJsonAsync($"/api/programs/{programId}/surveys", new { template, title = $"Test {template} survey" })).ReadAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        var survey = await (await admin.GetAsync($"/api/surveys/{id}")).ReadAsync<JsonElement>();
        return (id, survey.GetProperty("questions"));
    }

    public static int QuestionOf(JsonElement questions, string kind) =>
        questions.EnumerateArray().First(q => q.GetProperty("kind").GetString() == kind).GetProperty("id").GetInt32();

    public static Task<HttpResponseMessage> AnswerAsync(HttpClient client, int surveyId, params object[] answers) =>
        client.PostAsJsonAsync($"/api/surveys/{surveyId}/responses", new { answers });
}
