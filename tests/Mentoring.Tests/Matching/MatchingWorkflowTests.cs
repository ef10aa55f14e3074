using System.Net;
using Mentoring.Domain;
using Mentoring.Features.Matching;
using Mentoring.Features.Programs;
using Mentoring.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.Matching;

/// <summary>The admin's matching workflow and what mentors and mentees do with it, through the HTTP API, on each store.</summary>
public abstract class MatchingWorkflowTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    private async Task<int> DemoProgramIdAsync()
    {
        await using var db = app.OpenContext();
        return await db.Programs.Where(p => p.Name == "Hybrid Mentoring 2026").Select(p => p.Id).SingleAsync();
    }

    private static async Task<MatchRunDto> RunAsync(HttpClient admin, int programId)
    {
        var started = await admin.PostAsync($"/api/programs/{programId}/matching/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await started.ReadAsync<MatchRunDto>();
        for (var i = 0; i < 600 && run.Status == MatchRunStatus.Running; i++)
        {
            await Task.Delay(100);
            run = await (await admin.GetAsync($"/api/matching/runs/{run.Id}")).ReadAsync<MatchRunDto>();
        }
        Assert.Equal(MatchRunStatus.Proposed, run.Status);
        return await (await admin.GetAsync($"/api/matching/runs/{run.Id}")).ReadAsync<MatchRunDto>();
    }

    [Fact]
    public async Task Run_review_lock_swap_rerun_and_publish()
    {
        using var admin = app.As(Roles.Admin);
        var programId = await DemoProgramIdAsync();
        var run = await RunAsync(admin, programId);
        var proposals = run.Proposals!;
        Assert.True(run.Optimal);
        Assert.True(run.Matched > 0);
        Assert.Equal(run.Matched, proposals.Count(p => p.Mentor is not null));

        await using (var db = app.OpenContext())
        {
            var capacity = await db.Enrollments.Where(e => e.ProgramId == programId && e.Role == EnrollmentRole.Mentor)
                .ToDictionaryAsync(e => e.PersonId, e => e.Capacity);
            var managerOf = await db.People.ToDictionaryAsync(p => p.Id, p => p.ManagerId);
            var level = await db.People.ToDictionaryAsync(p => p.Id, p => p.Level);
            foreach (var group in proposals.Where(p => p.Mentor is not null).GroupBy(p => p.Mentor!.Id))
            {
                Assert.True(group.Count() <= capacity[group.Key], $"mentor {group.Key} over capacity");
            }
            foreach (var p in proposals.Where(p => p.Mentor is not null))
            {
                Assert.True(level[p.Mentor!.Id] > level[p.Mentee.Id], "a mentor must be above the mentee");
                for (var m = managerOf[p.Mentee.Id]; m is not null; m = managerOf[m.Value])
                {
                    Assert.NotEqual(p.Mentor.Id, m.Value);
                }
                Assert.NotEmpty(p.Reasons);
            }
            // Nobody who could be matched is left out: an unmatched mentee's eligible mentors are all full.
            Assert.All(proposals.Where(p => p.Mentor is null), p => Assert.False(string.IsNullOrEmpty(p.UnmatchedReason)));
        }
        // Lock one pair, swap another mentee to an alternative mentor, re-run: both stay.
        var keep = proposals.First(p => p.Mentor is not null);
        Assert.True((await (await admin.PostJsonAsync($"/api/matching/runs/{run.Id}/proposals/{keep.Id}/lock", new LockInput(true))).ReadAsync<MatchRunDto>())
            .Proposals!.Single(p => p.Id == keep.Id).Locked);

        var target = proposals.Where(p => p.Mentor is not null && p.Id != keep.Id).Skip(1).First();
        var alternatives = await (await admin.GetAsync($"/api/matching/runs/{run.Id}/proposals/{target.Id}/alternatives")).ReadAsync<List<AlternativeDto>>();
        var other = alternatives.First(a => a.Mentor.Id != target.Mentor!.Id && a.Proposed < a.FreeCapacity);
        var swapped = await (await admin.PostJsonAsync($"/api/matching/runs/{run.Id}/proposals/{target.Id}/mentor", new SwapInput(other.Mentor.Id))).ReadAsync<MatchRunDto>();
        var line = swapped.Proposals!.Single(p => p.Id == target.Id);
        Assert.Equal(other.Mentor.Id, line.Mentor!.Id);
        Assert.True(line.Locked);
        Assert.False(swapped.Optimal);

        // A mentee's own manager is never accepted as a swap.
        await using (var db = app.OpenContext())
        {
            var menteeWithManager = await db.People.Where(p => proposals.Select(x => x.Mentee.Id).Contains(p.Id) && p.ManagerId != null)
                .Select(p => new { p.Id, p.ManagerId }).FirstAsync();
            var proposal = proposals.Single(p => p.Mentee.Id == menteeWithManager.Id);
            var refused = await admin.PostJsonAsync($"/api/matching/runs/{run.Id}/proposals/{proposal.Id}/mentor", new SwapInput(menteeWithManager.ManagerId));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("mentorId", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var rerun = await RunAsync(admin, programId);
        Assert.Equal(keep.Mentor!.Id, rerun.Proposals!.Single(p => p.Mentee.Id == keep.Mentee.Id).Mentor!.Id);
        Assert.Equal(other.Mentor.Id, rerun.Proposals!.Single(p => p.Mentee.Id == target.Mentee.Id).Mentor!.Id);
        var old = await (await admin.GetAsync($"/api/matching/runs/{run.Id}")).ReadAsync<MatchRunDto>();
        Assert.Equal(MatchRunStatus.Superseded, old.Status);

        // Publishing makes every proposed pair a mentorship, once.
        var before = (await (await admin.GetAsync($"/api/programs/{programId}/mentorships")).ReadAsync<List<MentorshipDto>>()).Count;
        var published = await (await admin.PostAsync($"/api/matching/runs/{rerun.Id}/publish", null)).ReadAsync<MatchRunDto>();
        Assert.Equal(MatchRunStatus.Published, published.Status);
        var mentorships = await (await admin.GetAsync($"/api/programs/{programId}/mentorships")).ReadAsync<List<MentorshipDto>>();
        Assert.Equal(rerun.Matched, mentorships.Count - before);
        Assert.All(rerun.Proposals!.Where(p => p.Mentor is not null), p =>
            Assert.Contains(mentorships, m => m.Mentee.Id == p.Mentee.Id && m.Mentor.Id == p.Mentor!.Id && m.Status == MentorshipStatus.Active));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"/api/matching/runs/{rerun.Id}/publish", null)).StatusCode);

        // The people matched see their counterpart and the reasons, and can decline with a reason the admin sees.
        await using (var db = app.OpenContext())
        {
            var someone = mentorships.First(m => m.Status == MentorshipStatus.Active);
            var account = await CreateAccountAsync(someone.Mentee.Id);
            using var mentee = app.Anonymous();
            mentee.DefaultRequestHeaders.Authorization = new("Bearer", account);
            var mine = await (await mentee.GetAsync("/api/me/mentorships")).ReadAsync<List<MyMentorshipDto>>();
            var mineOne = mine.Single(m => m.Id == someone.Id);
            Assert.Equal(someone.Mentor.Name, mineOne.Counterpart.Name);
            Assert.Equal("mentee", mineOne.MyRole);
            Assert.NotEmpty(mineOne.Reasons);

            Assert.Equal(HttpStatusCode.NoContent, (await mentee.PostJsonAsync($"/api/mentorships/{someone.Id}/decline", new DeclineInput { Reason = "We already work together daily" })).StatusCode);
            var after = await (await admin.GetAsync($"/api/programs/{programId}/mentorships")).ReadAsync<List<MentorshipDto>>();
            var declined = after.Single(m => m.Id == someone.Id);
            Assert.Equal(MentorshipStatus.Declined, declined.Status);
            Assert.Equal("We already work together daily", declined.DeclineReason);
            Assert.Equal(someone.Mentee.Name, declined.DeclinedBy);

            // Nobody declines someone else's mentorship.
            var stranger = mentorships.First(m => m.Mentee.Id != someone.Mentee.Id && m.Mentor.Id != someone.Mentee.Id);
            Assert.Equal(HttpStatusCode.BadRequest, (await mentee.PostJsonAsync($"/api/mentorships/{stranger.Id}/decline", new DeclineInput { Reason = "not mine" })).StatusCode);
        }
    }

    [Fact]
    public async Task The_proposal_comes_a_page_at_a_time_filtered_by_fit_flag_and_office_and_a_change_keeps_the_page()
    {
        using var admin = app.As(Roles.Admin);
        // A program of its own: the demo's proposal may already be published by another test of this class.
        var program = await (await admin.PostJsonAsync("/api/programs", new ProgramInput { Name = "Paged proposal", Kind = ProgramKind.Mentoring, Status = ProgramStatus.Active }))
            .ReadAsync<ProgramDto>();
        var programId = program.Id;
        List<int> mentors, mentees;
        await using (var db = app.OpenContext())
        {
            mentors = await db.People.Where(p => p.Active && p.Level == 5).OrderBy(p => p.Id).Take(2).Select(p => p.Id).ToListAsync();
            mentees = await db.People.Where(p => p.Active && p.Level == 1 && p.OfficeId != null).OrderBy(p => p.Id).Take(6).Select(p => p.Id).ToListAsync();
        }
        foreach (var mentor in mentors)
        {
            await Enroll(admin, programId, mentor, EnrollmentRole.Mentor, capacity: 2);
        }
        foreach (var mentee in mentees)
        {
            await Enroll(admin, programId, mentee, EnrollmentRole.Mentee);
        }
        var run = await RunAsync(admin, programId);
        var all = run.Proposals!;
        Assert.True(all.Count >= 2, "the proposal has a few lines");

        // Without paging parameters the whole proposal, as before; with them, a page in the same order.
        async Task<MatchRunDto> Page(string query) => await (await admin.GetAsync($"/api/matching/runs/{run.Id}?{query}")).ReadAsync<MatchRunDto>();
        Assert.Null(run.Paging);
        var first = await Page("page=1&pageSize=1");
        var second = await Page("page=2&pageSize=1");
        Assert.Equal(all.Take(1).Select(p => p.Id), first.Proposals!.Select(p => p.Id));
        Assert.Equal(all.Skip(1).Take(1).Select(p => p.Id), second.Proposals!.Select(p => p.Id));
        Assert.Equal(all.Count, first.Paging!.Total);
        Assert.Equal(all.Count, first.Paging.Pages);
        // The counts are over the whole proposal, whatever the page.
        Assert.Equal(run.Matched, second.Paging!.Summary.Matched);
        Assert.Equal(all.Count(p => p.Mentor is not null && p.Score >= 0.6), second.Paging.Summary.ByFit["strong"]);

        var unmatched = await Page("flag=unmatched&pageSize=200");
        Assert.Equal(all.Count(p => p.Mentor is null), unmatched.Paging!.Total);
        Assert.All(unmatched.Proposals!, p => Assert.Null(p.Mentor));
        foreach (var (fit, from, to) in new[] { ("strong", 0.6, 1.01), ("fair", 0.4, 0.6), ("weak", 0.0, 0.4) })
        {
            var band = await Page($"fit={fit}&pageSize=200");
            Assert.Equal(all.Count(p => p.Mentor is not null && p.Score >= from && p.Score < to), band.Paging!.Total);
            Assert.All(band.Proposals!, p => Assert.InRange(p.Score, from, to));
        }
        var office = all.First(p => p.Mentee.Office is not null).Mentee.Office;
        var officeId = second.Paging.Summary.ByOffice.Single(o => o.Name == office).Id;
        var inOffice = await Page($"office={officeId}&sort=fit&pageSize=200");
        Assert.Equal(all.Count(p => p.Mentee.Office == office), inOffice.Paging!.Total);
        Assert.All(inOffice.Proposals!, p => Assert.Equal(office, p.Mentee.Office));
        var scores = inOffice.Proposals!.Where(p => p.Mentor is not null).Select(p => p.Score).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);

        foreach (var (query, field) in new[] { ("fit=great", "fit"), ("flag=odd", "flag"), ("sort=age", "sort"), ("pageSize=0", "pageSize"), ("page=0", "page") })
        {
            var refused = await admin.GetAsync($"/api/matching/runs/{run.Id}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"\"{field}\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The review page shows the filter's lines; locking a line there comes back to the same filter and page.
        using var pages = app.WithCookieOnly(Roles.Admin);
        var html = await pages.GetStringAsync($"/Programs/{programId}/Matching?flag=matched&sort=fit");
        var line = all.Where(p => p.Mentor is not null).OrderByDescending(p => p.Score).ThenBy(p => p.Mentee.Name).First();
        Assert.Contains($"id=\"line-{line.Id}\"", html, StringComparison.Ordinal);
        if (all.FirstOrDefault(p => p.Mentor is null) is { } left)
        {
            Assert.DoesNotContain($"id=\"line-{left.Id}\"", html, StringComparison.Ordinal);
        }
        using var locked = await pages.PostAsync($"/Programs/{programId}/Matching?handler=Lock", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["runId"] = run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["proposalId"] = line.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["locked"] = "true",
            ["back.Flag"] = "matched",
            ["back.Sort"] = "fit",
            ["__RequestVerificationToken"] = AppFixture.AntiforgeryToken(html),
        }));
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Equal($"/Programs/{programId}/Matching?flag=matched&sort=fit#line-{line.Id}", locked.Headers.Location!.OriginalString);
        Assert.True((await Page("flag=locked")).Proposals!.Single(p => p.Id == line.Id).Locked);
    }

    [Fact]
    public async Task Mentee_choice_suggests_asks_accepts_and_waitlists()
    {
        using var admin = app.As(Roles.Admin);
        var program = await (await admin.PostJsonAsync("/api/programs", new ProgramInput { Name = "Pick your mentor", Kind = ProgramKind.Mentoring, Status = ProgramStatus.Active }))
            .ReadAsync<ProgramDto>();
        await (await admin.PutJsonAsync($"/api/programs/{program.Id}/matching/settings", new MatchingSettings { Mode = MatchingMode.MenteeChoice, NoRepeatPairings = false }))
            .ReadAsync<MatchingSettings>();

        int mentorId, firstId, secondId;
        await using (var db = app.OpenContext())
        {
            var senior = await db.People.Where(p => p.Level == 4 && p.Active).OrderBy(p => p.Id).FirstAsync();
            var juniors = await db.People.Where(p => p.Level == 1 && p.Active && p.Department != senior.Department && p.ManagerId != senior.Id)
                .OrderBy(p => p.Id).Take(2).ToListAsync();
            (mentorId, firstId, secondId) = (senior.Id, juniors[0].Id, juniors[1].Id);
        }
        await Enroll(admin, program.Id, mentorId, EnrollmentRole.Mentor, capacity: 1);
        await Enroll(admin, program.Id, firstId, EnrollmentRole.Mentee);
        await Enroll(admin, program.Id, secondId, EnrollmentRole.Mentee);
        using var mentor = Client(await CreateAccountAsync(mentorId));
        using var first = Client(await CreateAccountAsync(firstId));
        using var second = Client(await CreateAccountAsync(secondId));

        var suggestions = await (await first.GetAsync($"/api/programs/{program.Id}/suggestions")).ReadAsync<List<Suggestion>>();
        var suggested = Assert.Single(suggestions);
        Assert.Equal(mentorId, suggested.Mentor.Id);
        Assert.Equal(1, suggested.FreeCapacity);

        var asked = await (await first.PostJsonAsync($"/api/programs/{program.Id}/requests", new AskInput { MentorId = mentorId, Message = "Could you help me grow?" }))
            .ReadAsync<MentorRequestDto>();
        Assert.Equal(MentorRequestStatus.Pending, asked.Status);
        var incoming = await (await mentor.GetAsync("/api/me/requests")).ReadAsync<List<MentorRequestDto>>();
        Assert.Contains(incoming, r => r.Id == asked.Id && r.Message == "Could you help me grow?");

        var accepted = await (await mentor.PostAsync($"/api/requests/{asked.Id}/accept", null)).ReadAsync<MentorRequestDto>();
        Assert.Equal(MentorRequestStatus.Accepted, accepted.Status);
        Assert.Contains(await (await first.GetAsync("/api/me/mentorships")).ReadAsync<List<MyMentorshipDto>>(), m => m.Counterpart.Id == mentorId);

        // The mentor is now full: the second mentee's request waits in line, and the mentor cannot go over capacity.
        var waiting = await (await second.PostJsonAsync($"/api/programs/{program.Id}/requests", new AskInput { MentorId = mentorId })).ReadAsync<MentorRequestDto>();
        Assert.Equal(MentorRequestStatus.Waitlisted, waiting.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await mentor.PostAsync($"/api/requests/{waiting.Id}/accept", null)).StatusCode);

        // A place frees up when the first mentorship is declined: the waiting request becomes pending.
        var mentorship = (await (await first.GetAsync("/api/me/mentorships")).ReadAsync<List<MyMentorshipDto>>()).Single(m => m.Counterpart.Id == mentorId);
        Assert.Equal(HttpStatusCode.NoContent, (await first.PostJsonAsync($"/api/mentorships/{mentorship.Id}/decline", new DeclineInput { Reason = "Moving teams" })).StatusCode);
        var promoted = (await (await second.GetAsync("/api/me/requests")).ReadAsync<List<MentorRequestDto>>()).Single(r => r.Id == waiting.Id);
        Assert.Equal(MentorRequestStatus.Pending, promoted.Status);
        Assert.Equal(MentorRequestStatus.Accepted, (await (await mentor.PostAsync($"/api/requests/{waiting.Id}/accept", null)).ReadAsync<MentorRequestDto>()).Status);

        // In a program where the admin proposes, there are no suggestions to pick from.
        var demo = await DemoProgramIdAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await first.GetAsync($"/api/programs/{demo}/suggestions")).StatusCode);
    }

    [Fact]
    public async Task Settings_are_validated_and_matching_respects_the_reverse_pilot_scope()
    {
        using var admin = app.As(Roles.Admin);
        var program = await (await admin.PostJsonAsync("/api/programs", new ProgramInput { Name = "Reverse pilot", Kind = ProgramKind.ReverseMentoring }))
            .ReadAsync<ProgramDto>();
        var bad = await admin.PutJsonAsync($"/api/programs/{program.Id}/matching/settings", new MatchingSettings { PilotScope = PilotScope.OneDepartment });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("pilotScopeValue", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutJsonAsync($"/api/programs/{program.Id}/matching/settings", new MatchingSettings { SkillsWeight = -1 })).StatusCode);
        await (await admin.PutJsonAsync($"/api/programs/{program.Id}/matching/settings",
            new MatchingSettings { PilotScope = PilotScope.OneDepartment, PilotScopeValue = "Product", NoRepeatPairings = false })).ReadAsync<MatchingSettings>();

        // Juniors mentor executives; only the Product department is in the pilot.
        List<(int Id, string Department)> juniors, executives;
        await using (var db = app.OpenContext())
        {
            juniors = (await db.People.Where(p => p.Level == 1 && (p.Department == "Product" || p.Department == "Sales")).OrderBy(p => p.Id).Take(8)
                .Select(p => new { p.Id, p.Department }).ToListAsync()).Select(p => (p.Id, p.Department!)).ToList();
            executives = (await db.People.Where(p => p.Level >= 4 && (p.Department == "Product" || p.Department == "Sales")).OrderBy(p => p.Id).Take(4)
                .Select(p => new { p.Id, p.Department }).ToListAsync()).Select(p => (p.Id, p.Department!)).ToList();
        }
        foreach (var (id, _) in juniors)
        {
            await Enroll(admin, program.Id, id, EnrollmentRole.Mentor, capacity: 1);
        }
        foreach (var (id, _) in executives)
        {
            await Enroll(admin, program.Id, id, EnrollmentRole.Mentee);
        }
        var run = await RunAsync(admin, program.Id);
        Assert.NotEmpty(run.Proposals!);
        Assert.All(run.Proposals!, p => Assert.Equal("Product", p.Mentee.Department));
        Assert.All(run.Proposals!.Where(p => p.Mentor is not null), p =>
        {
            Assert.Equal("Product", p.Mentor!.Department);
            Assert.True(p.Mentor.Level < p.Mentee.Level, "in reverse mentoring the junior mentors");
        });
    }

    private static async Task Enroll(HttpClient admin, int programId, int personId, EnrollmentRole role, int capacity = 1)
    {
        var response = await admin.PostJsonAsync($"/api/programs/{programId}/enrollments", new EnrollmentInput { PersonId = personId, Role = role, Capacity = capacity });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private HttpClient Client(string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>A sign-in account for a person on the roster (role mentee), and an API token for it.</summary>
    private async Task<string> CreateAccountAsync(int personId)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var email = $"person{personId}-{Guid.NewGuid():N}@test.local";
        var account = new UserAccount { UserName = email, Email = email, PersonId = personId, DisplayName = email };
        Assert.True((await users.CreateAsync(account, "a long test password")).Succeeded);
        await users.AddToRoleAsync(account, Roles.Mentee);
        var tokens = scope.ServiceProvider.GetRequiredService<Mentoring.Features.Accounts.ApiTokenService>();
        return (await tokens.CreateAsync(account.Id, "test", CancellationToken.None)).Secret;
    }
}

public sealed class SqliteMatchingWorkflowTests(SqliteAppFixture app) : MatchingWorkflowTests<SqliteAppFixture>(app);

public sealed class PostgresMatchingWorkflowTests(PostgresAppFixture app) : MatchingWorkflowTests<PostgresAppFixture>(app);
