using System.Net;
using Mentoring.Domain;
using Mentoring.Features.Cohorts;
using Mentoring.Tests.Support;
using static Mentoring.Tests.Cohorts.CohortTestData;

namespace Mentoring.Tests.Cohorts;

/// <summary>Victories, kudos, stand-ups, replies and reactions through the real app, on each store.</summary>
public abstract class CohortsApiTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    [Fact]
    public async Task A_private_victory_reaches_its_author_and_whom_they_chose_and_nobody_else()
    {
        var people = await PeopleAsync(app);
        var programId = await ProgramAsync(app, people, people.Other);
        using var mentee = app.As(Roles.Mentee);
        using var mentor = app.As(Roles.Mentor);
        using var admin = app.As(Roles.Admin);
        using var other = await AccountForAsync(app, people.Other);
        var path = $"/api/programs/{programId}/victories";

        var publicId = await CreatedIdAsync(await mentee.PostJsonAsync(path, new { text = "Shipped my first feature", visibility = "public" }));
        var secret = "victory-" + Guid.NewGuid().ToString("N");
        var privateId = await CreatedIdAsync(await mentee.PostJsonAsync(path, new { text = secret, visibility = "private", sharedWith = new[] { people.Mentor } }));

        var mine = await (await mentee.GetAsync(path)).ReadAsync<List<VictoryDto>>();
        Assert.Equal([privateId, publicId], mine.Select(v => v.Id).ToList());
        var shared = await (await mentor.GetAsync(path)).ReadAsync<List<VictoryDto>>();
        var seen = Assert.Single(shared, v => v.Id == privateId);
        Assert.Equal(VictoryVisibility.Private, seen.Visibility);
        Assert.Equal([people.Mentor], seen.SharedWith.Select(p => p.Id).ToList());
        foreach (var outsider in new[] { admin, other })
        {
            var response = await outsider.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.Contains("Shipped my first feature", body, StringComparison.Ordinal);
        }
        // Not even a reaction reaches it: for them it does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostJsonAsync($"/api/victories/{privateId}/reactions", new { kind = "clap" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJsonAsync($"/api/victories/{privateId}/reactions", new { kind = "clap" })).StatusCode);
        var reactions = await (await mentor.PostJsonAsync($"/api/victories/{privateId}/reactions", new { kind = "heart" })).ReadAsync<List<ReactionCount>>();
        Assert.Equal(1, reactions.Single(r => r.Kind == ReactionKind.Heart).Count);
    }

    [Fact]
    public async Task Victories_refuse_bad_input_naming_the_field()
    {
        var people = await PeopleAsync(app);
        var programId = await ProgramAsync(app, people, people.Other);
        using var mentee = app.As(Roles.Mentee);
        var path = $"/api/programs/{programId}/victories";
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { text = "  ", visibility = "public" }), "text");
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { text = new string('a', 1001), visibility = "public" }), "text");
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { text = "A win" }), "visibility");
        // Someone in the program who is neither their mentor nor in one of their groups.
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { text = "A win", visibility = "private", sharedWith = new[] { people.Other } }), "sharedWith");
        // Someone who is not in the program at all.
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { text = "A win", visibility = "private", sharedWith = new[] { people.Outsider } }), "sharedWith");
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { text = "A win", visibility = "private", sharedWith = new[] { people.Mentee } }), "sharedWith");
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { text = "A win", visibility = "public", sharedWith = new[] { people.Mentor } }), "sharedWith");
        Assert.Empty(await (await mentee.GetAsync(path)).ReadAsync<List<VictoryDto>>());
    }

    [Fact]
    public async Task Kudos_go_to_someone_else_in_the_program_and_feed_the_word_cloud()
    {
        var people = await PeopleAsync(app);
        var programId = await ProgramAsync(app, people, people.Other);
        using var mentee = app.As(Roles.Mentee);
        var path = $"/api/programs/{programId}/kudos";
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { to = people.Mentee, text = "For me" }), "to");
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { to = people.Outsider, text = "For you" }), "to");
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { text = "For you" }), "to");
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { to = people.Mentor, text = "" }), "text");
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { to = people.Mentor, text = new string('k', 281) }), "text");

        await CreatedIdAsync(await mentee.PostJsonAsync(path, new { to = people.Mentor, text = "For the patient feedback on my slides" }));
        using var other = await AccountForAsync(app, people.Other);
        await CreatedIdAsync(await other.PostJsonAsync(path, new { to = people.Mentee, text = "For patient help with the release" }));
        var kudos = await (await app.As(Roles.Mentor).GetAsync(path)).ReadAsync<List<KudosDto>>();
        Assert.Equal(2, kudos.Count);
        Assert.Equal(people.Mentee, kudos[0].To.Id);
        Assert.Equal(people.Other, kudos[0].From.Id);

        var page = await app.As(Roles.Mentee).GetStringAsync($"/Programs/{programId}/Board");
        Assert.Contains("<svg class=\"cloud\"", page, StringComparison.Ordinal);
        // "patient" is said twice and leads; "for" and "the" are stop words and stay out.
        Assert.Contains("Words most used in kudos: patient (2)", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">for</text>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">the</text>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standups_take_one_a_day_with_replies_and_one_reaction_per_person_and_kind()
    {
        var people = await PeopleAsync(app);
        var programId = await ProgramAsync(app, people, people.Other);
        using var mentee = app.As(Roles.Mentee);
        using var mentor = app.As(Roles.Mentor);
        var path = $"/api/programs/{programId}/standups";
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { next = "Write tests", stuck = "" }), "did");
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { did = "Read", next = "", stuck = "" }), "next");
        await AssertFieldAsync(await mentee.PostJsonAsync(path, new { did = "Read", next = "Write", stuck = new string('s', 1001) }), "stuck");

        var id = await CreatedIdAsync(await mentee.PostJsonAsync(path, new { did = "Read the guide", next = "Set up", stuck = "No database access" }));
        Assert.Equal(id, await CreatedIdAsync(await mentee.PostJsonAsync(path, new { did = "Read the whole guide", next = "Set up", stuck = "" })));
        await AssertFieldAsync(await mentor.PostJsonAsync($"/api/standups/{id}/replies", new { text = " " }), "text");
        await CreatedIdAsync(await mentor.PostJsonAsync($"/api/standups/{id}/replies", new { text = "Ask the platform team, they are quick" }));
        var replies = await (await mentee.GetAsync($"/api/standups/{id}/replies")).ReadAsync<List<ReplyDto>>();
        Assert.Equal(people.Mentor, Assert.Single(replies).Author.Id);

        for (var i = 0; i < 2; i++)
        {
            await (await mentor.PostJsonAsync($"/api/standups/{id}/reactions", new { kind = "rocket" })).ReadAsync<List<ReactionCount>>();
        }
        await (await mentee.PostJsonAsync($"/api/standups/{id}/reactions", new { kind = "rocket" })).ReadAsync<List<ReactionCount>>();
        var standup = Assert.Single(await (await mentor.GetAsync(path)).ReadAsync<List<StandupDto>>());
        Assert.Equal("Read the whole guide", standup.Did);
        Assert.Equal("", standup.Stuck);
        Assert.Single(standup.Replies);
        var rocket = standup.Reactions.Single(r => r.Kind == ReactionKind.Rocket);
        Assert.Equal(2, rocket.Count);
        Assert.True(rocket.Mine);
        var after = await (await mentor.DeleteAsync($"/api/standups/{id}/reactions/rocket")).ReadAsync<List<ReactionCount>>();
        Assert.Equal(1, after.Single(r => r.Kind == ReactionKind.Rocket).Count);
        Assert.False(after.Single(r => r.Kind == ReactionKind.Rocket).Mine);
        await AssertFieldAsync(await mentor.DeleteAsync($"/api/standups/{id}/reactions/thumbs"), "kind");
        Assert.Equal(HttpStatusCode.BadRequest, (await mentor.PostJsonAsync($"/api/standups/{id}/reactions", new { kind = "thumbs" })).StatusCode);
    }

    [Fact]
    public async Task Only_the_cohort_and_admins_reach_a_program_or_a_group()
    {
        var people = await PeopleAsync(app);
        var programId = await ProgramAsync(app, people);
        var groupId = await GroupAsync(app, programId, people.Mentor, people.Mentee);
        using var outsider = await AccountForAsync(app, people.Outsider);
        using var admin = app.As(Roles.Admin);
        using var mentee = app.As(Roles.Mentee);
        using var mentor = app.As(Roles.Mentor);
        foreach (var root in new[] { $"/api/programs/{programId}", $"/api/groups/{groupId}" })
        {
            foreach (var part in new[] { "victories", "kudos", "standups" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{root}/{part}")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{root}/{part}")).StatusCode);
            }
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostJsonAsync($"{root}/standups", new { did = "a", next = "b", stuck = "" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostJsonAsync($"{root}/kudos", new { to = people.Mentee, text = "Hi" })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await mentee.GetAsync("/api/groups/999999/victories")).StatusCode);

        // A group's board is its own: its stand-ups and kudos are not the program's, and kudos stay within the group.
        var standupId = await CreatedIdAsync(await mentee.PostJsonAsync($"/api/groups/{groupId}/standups", new { did = "Group work", next = "More", stuck = "" }));
        await CreatedIdAsync(await mentee.PostJsonAsync($"/api/groups/{groupId}/kudos", new { to = people.Mentor, text = "For hosting us" }));
        await CreatedIdAsync(await mentee.PostJsonAsync($"/api/groups/{groupId}/victories", new { text = "Group win", visibility = "private", sharedWith = new[] { people.Mentor } }));
        Assert.Empty(await (await mentee.GetAsync($"/api/programs/{programId}/standups")).ReadAsync<List<StandupDto>>());
        Assert.Single(await (await mentor.GetAsync($"/api/groups/{groupId}/standups")).ReadAsync<List<StandupDto>>());
        Assert.Single(await (await mentor.GetAsync($"/api/groups/{groupId}/victories")).ReadAsync<List<VictoryDto>>());
        Assert.Empty(await (await admin.GetAsync($"/api/groups/{groupId}/victories")).ReadAsync<List<VictoryDto>>());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/standups/{standupId}/replies")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostJsonAsync($"/api/standups/{standupId}/replies", new { text = "Hi" })).StatusCode);
        await AssertFieldAsync(await mentee.PostJsonAsync($"/api/groups/{groupId}/kudos", new { to = people.Other, text = "Hi" }), "to");
    }
}

public sealed class SqliteCohortsApiTests(SqliteAppFixture app) : CohortsApiTests<SqliteAppFixture>(app);

public sealed class PostgresCohortsApiTests(PostgresAppFixture app) : CohortsApiTests<PostgresAppFixture>(app);
