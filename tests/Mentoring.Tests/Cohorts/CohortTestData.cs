using System.Net;
using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Features.Programs;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Cohorts;

/// <summary>The people a cohort test needs: the demo mentor and mentee (an active pair), and people of the roster around them.</summary>
public sealed record CohortPeople(int Mentor, int Mentee, int Admin, int Sponsor, int Other, int Outsider);

public static class CohortTestData
{
    public static async Task<CohortPeople> PeopleAsync(AppFixture app)
    {
        await using var db = app.OpenContext();
        async Task<int> Of(string email) => (await db.Users.SingleAsync(u => u.Email == email)).PersonId!.Value;
        var mentor = await Of("mentor@demo.local");
        var mentee = await Of("mentee@demo.local");
        var admin = await Of("admin@demo.local");
        var sponsor = await Of("sponsor@demo.local");
        var linked = new[] { mentor, mentee, admin, sponsor };
        var paired = await db.Mentorships.Where(m => m.MentorId == mentee || m.MenteeId == mentee || m.MentorId == mentor || m.MenteeId == mentor)
            .Select(m => new { m.MentorId, m.MenteeId }).ToListAsync();
        var pairedIds = paired.SelectMany(m => new[] { m.MentorId, m.MenteeId }).ToList();
        var grouped = await db.GroupMembers.Select(m => m.PersonId).ToListAsync();
        var free = await db.People.Where(p => !linked.Contains(p.Id) && !pairedIds.Contains(p.Id) && !grouped.Contains(p.Id))
            .OrderBy(p => p.Id).Select(p => p.Id).Take(2).ToListAsync();
        return new CohortPeople(mentor, mentee, admin, sponsor, free[0], free[1]);
    }

    /// <summary>A fresh active program with the mentor, the mentee and <paramref name="others"/> enrolled.</summary>
    public static async Task<int> ProgramAsync(AppFixture app, CohortPeople people, params int[] others)
    {
        using var admin = app.As(Roles.Admin);
        var program = await (await admin.PostJsonAsync("/api/programs", new ProgramInput
        {
            Name = "Cohort " + Guid.NewGuid().ToString("N")[..6], Kind = ProgramKind.Mentoring, Status = ProgramStatus.Active,
        })).ReadAsync<ProgramDto>();
        foreach (var (person, role) in new[] { (people.Mentor, EnrollmentRole.Mentor), (people.Mentee, EnrollmentRole.Mentee) }.Concat(others.Select(o => (o, EnrollmentRole.Mentee))))
        {
            var response = await admin.PostJsonAsync($"/api/programs/{program.Id}/enrollments", new EnrollmentInput { PersonId = person, Role = role });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        return program.Id;
    }

    /// <summary>A group in <paramref name="programId"/> hosted by <paramref name="host"/> with <paramref name="members"/>.</summary>
    public static async Task<int> GroupAsync(AppFixture app, int programId, int host, params int[] members)
    {
        await using var db = app.OpenContext();
        var group = new GroupActivity
        {
            ProgramId = programId, Kind = ActivityFormats.GroupMentoring, Title = "Cohort circle " + Guid.NewGuid().ToString("N")[..4], HostId = host, Capacity = 6,
            Members = members.Select(m => new GroupMember { PersonId = m }).ToList(),
        };
        db.GroupActivities.Add(group);
        await db.SaveChangesAsync();
        return group.Id;
    }

    /// <summary>A signed-in account for a person without one (their cookie), calling the API as a browser does.</summary>
    public static async Task<HttpClient> AccountForAsync(AppFixture app, int personId)
    {
        string email;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            await using var db = app.OpenContext();
            var person = await db.People.SingleAsync(p => p.Id == personId);
            email = person.Email!;
            if (await users.FindByEmailAsync(email) is null)
            {
                var account = new UserAccount { UserName = email, Email = email, EmailConfirmed = true, DisplayName = person.Name, PersonId = personId };
                Assert.True((await users.CreateAsync(account, AppFixture.Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(account, Roles.Mentee)).Succeeded);
            }
        }
        var cookies = await app.SignInAsync(email);
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");
        return client;
    }

    public static async Task<int> CreatedIdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>Asserts a 400 ProblemDetails that names <paramref name="field"/>.</summary>
    public static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }
}
