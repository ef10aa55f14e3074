using System.Text.Json;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Mentorships;

/// <summary>The demo mentor and mentee's mentorship, and the people behind the demo accounts.</summary>
public sealed record DemoPair(int MentorshipId, int ProgramId, int MentorId, int MenteeId, string MentorName, string MenteeName, string MentorEmail, string MenteeEmail)
{
    public static async Task<DemoPair> LoadAsync(AppFixture app)
    {
        await using var db = app.OpenContext();
        var mentorId = await PersonOfAsync(db, AppFixture.EmailOfRole[Roles.Mentor]);
        var menteeId = await PersonOfAsync(db, AppFixture.EmailOfRole[Roles.Mentee]);
        var m = await db.Mentorships.Include(x => x.Mentor).Include(x => x.Mentee).SingleAsync(x => x.MentorId == mentorId && x.MenteeId == menteeId);
        return new DemoPair(m.Id, m.ProgramId, mentorId, menteeId, m.Mentor!.Name, m.Mentee!.Name, m.Mentor.Email!, m.Mentee.Email!);
    }

    private static async Task<int> PersonOfAsync(Mentoring.Data.MentoringDbContext db, string email) =>
        (await db.Users.SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant())).PersonId!.Value;
}

internal static class Json
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
