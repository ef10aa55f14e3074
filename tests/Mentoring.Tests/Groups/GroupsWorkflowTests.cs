using System.Net;
using Mentoring.Domain;
using Mentoring.Features.Groups;
using Mentoring.Features.Programs;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Groups;

/// <summary>Group lunches, cohorts and coworking through the real app, on each store.</summary>
public abstract class GroupsWorkflowTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    [Fact]
    public async Task Compose_places_those_who_need_it_most_mixes_teams_and_avoids_repeats()
    {
        using var admin = app.As(Roles.Admin);
        var program = await (await admin.PostJsonAsync("/api/programs", new ProgramInput { Name = "Group lunches " + Guid.NewGuid().ToString("N")[..4], Kind = ProgramKind.Group, Status = ProgramStatus.Active }))
            .ReadAsync<ProgramDto>();
        List<int> seniors, juniors;
        await using (var db = app.OpenContext())
        {
            seniors = await db.People.Where(p => p.Level >= 4).OrderBy(p => p.Id).Select(p => p.Id).Take(3).ToListAsync();
            juniors = await db.People.Where(p => p.Level <= 2).OrderBy(p => p.Id).Select(p => p.Id).Take(20).ToListAsync();
        }
        foreach (var junior in juniors)
        {
            Assert.True((await admin.PostJsonAsync($"/api/programs/{program.Id}/enrollments", new EnrollmentInput { PersonId = junior, Role = EnrollmentRole.Participant })).IsSuccessStatusCode);
        }

        // A virtual format: it mixes offices, so every junior may be placed with any host.
        var input = new ComposeInput(ActivityFormats.VirtualCoworking, "December session", new DateOnly(2026, 12, 9), seniors.Select(s => new HostSeat(s, 4)).ToList());
        var first = await (await admin.PostJsonAsync($"/api/programs/{program.Id}/groups/compose", input)).ReadAsync<ComposeResult>();
        Assert.Equal(3, first.ActivityIds.Count);
        Assert.Equal(12, first.Placed);
        Assert.Equal(8, first.Unplaced);

        var groups = await (await admin.GetAsync($"/api/programs/{program.Id}/groups")).ReadAsync<List<GroupDto>>();
        var placed = groups.SelectMany(g => g.Members).ToList();
        Assert.Equal(placed.Count, placed.Select(m => m.PersonId).Distinct().Count());
        Assert.All(groups, g => Assert.True(g.Members.Count <= g.Capacity));
        // Priority first: nobody left out outranks anyone placed (the matching priority rule, computed here independently).
        await using (var db = app.OpenContext())
        {
            var placedIds = placed.Select(m => m.PersonId).ToHashSet();
            var leftOut = await db.People.Where(p => juniors.Contains(p.Id) && !placedIds.Contains(p.Id)).ToListAsync();
            Assert.Equal(8, leftOut.Count);
            var today = NodaTime.SystemClock.Instance.GetCurrentInstant().InUtc().Date;
            var leftOutBest = 0;
            foreach (var person in leftOut)
            {
                var before = await db.Mentorships.AnyAsync(m => m.MenteeId == person.Id) || await db.GroupMembers.AnyAsync(m => m.PersonId == person.Id);
                leftOutBest = Math.Max(leftOutBest, Mentoring.Features.Matching.MenteePriority.Compute(new MatchingSettings(), before, person.HireDate, today, false).Priority);
            }
            Assert.True(leftOutBest <= placed.Min(m => m.Priority), $"someone left out had priority {leftOutBest}");
        }

        // The next lunch with the same hosts avoids repeating this one's groupings where it can.
        var second = await (await admin.PostJsonAsync($"/api/programs/{program.Id}/groups/compose", input with { Title = "January session" })).ReadAsync<ComposeResult>();
        Assert.Equal(12, second.Placed);
        var firstPairs = Pairs(groups);
        var later = (await (await admin.GetAsync($"/api/programs/{program.Id}/groups")).ReadAsync<List<GroupDto>>()).Where(g => second.ActivityIds.Contains(g.Id)).ToList();
        Assert.Equal(second.Repeats, Pairs(later).Count(firstPairs.Contains));
        Assert.True(second.Repeats < firstPairs.Count / 2, $"{second.Repeats} repeats");

        // Bad input names the field.
        var bad = await admin.PostJsonAsync($"/api/programs/{program.Id}/groups/compose", input with { Kind = "karaoke" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("kind", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coworking_host_plans_check_ins_with_member_goals_and_members_ask_for_one()
    {
        using var admin = app.As(Roles.Admin);
        var program = await (await admin.PostJsonAsync("/api/programs", new ProgramInput { Name = "Coworking " + Guid.NewGuid().ToString("N")[..4], Kind = ProgramKind.Group, Status = ProgramStatus.Active }))
            .ReadAsync<ProgramDto>();
        int host;
        List<int> members;
        await using (var db = app.OpenContext())
        {
            host = await db.People.Where(p => p.Level == 5).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            members = await db.People.Where(p => p.Level == 1).OrderByDescending(p => p.Id).Select(p => p.Id).Take(3).ToListAsync();
        }
        foreach (var id in members)
        {
            await admin.PostJsonAsync($"/api/programs/{program.Id}/enrollments", new EnrollmentInput { PersonId = id, Role = EnrollmentRole.Participant });
        }
        var composed = await (await admin.PostJsonAsync($"/api/programs/{program.Id}/groups/compose",
            new ComposeInput(ActivityFormats.VirtualCoworking, null, new DateOnly(2026, 12, 10), [new HostSeat(host, 3)], CheckInEveryMinutes: 30, DurationMinutes: 120)))
            .ReadAsync<ComposeResult>();
        var groupId = Assert.Single(composed.ActivityIds);

        using var member = Client(await AccountAsync(members[1]));
        await (await member.PutJsonAsync($"/api/groups/{groupId}/me/goal", new GoalInput { Goal = "Finish the test plan" })).ReadAsync<GroupDto>();
        await (await member.PostAsync($"/api/groups/{groupId}/me/checkin", null)).ReadAsync<GroupDto>();
        // Members do not see each other's goals, nor the host's plan with everyone's goals.
        using var otherMember = Client(await AccountAsync(members[2]));
        var seen = await (await otherMember.GetAsync($"/api/groups/{groupId}")).ReadAsync<GroupDto>();
        Assert.Equal("", seen.Members.Single(m => m.PersonId == members[1]).SessionGoal);
        // Members do not see the host's plan with everyone's goals.
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/groups/{groupId}/check-in-plan")).StatusCode);

        using var hostClient = Client(await AccountAsync(host));
        var plan = await (await hostClient.GetAsync($"/api/groups/{groupId}/check-in-plan")).ReadAsync<List<CheckInSlot>>();
        Assert.Equal(["10:00", "10:30", "11:00", "11:30"], plan.Select(s => s.At));
        var firstVisit = plan[0].Members[0];
        Assert.Equal(members[1], firstVisit.PersonId);
        Assert.Equal("Finish the test plan", firstVisit.SessionGoal);
        Assert.NotNull(firstVisit.CheckInRequestedAt);

        // Someone outside the group cannot see it.
        using var stranger = Client(await AccountAsync(members[0] == members[1] ? host : await OutsiderAsync(members, host)));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/groups/{groupId}")).StatusCode);
    }

    private async Task<int> OutsiderAsync(List<int> members, int host)
    {
        await using var db = app.OpenContext();
        return await db.People.Where(p => !members.Contains(p.Id) && p.Id != host).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
    }

    private static HashSet<(int, int)> Pairs(IEnumerable<GroupDto> groups) =>
        groups.SelectMany(g =>
        {
            var ids = g.Members.Select(m => m.PersonId).Append(g.Host.Id).Order().ToList();
            return ids.SelectMany((a, i) => ids.Skip(i + 1).Select(b => (a, b)));
        }).ToHashSet();

    private HttpClient Client(string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private async Task<string> AccountAsync(int personId)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var email = $"g{personId}-{Guid.NewGuid():N}@test.local";
        var account = new UserAccount { UserName = email, Email = email, PersonId = personId };
        Assert.True((await users.CreateAsync(account, "a long test password")).Succeeded);
        return (await scope.ServiceProvider.GetRequiredService<Mentoring.Features.Accounts.ApiTokenService>().CreateAsync(account.Id, "t", CancellationToken.None)).Secret;
    }
}

public sealed class SqliteGroupsWorkflowTests(SqliteAppFixture app) : GroupsWorkflowTests<SqliteAppFixture>(app);

public sealed class PostgresGroupsWorkflowTests(PostgresAppFixture app) : GroupsWorkflowTests<PostgresAppFixture>(app);
