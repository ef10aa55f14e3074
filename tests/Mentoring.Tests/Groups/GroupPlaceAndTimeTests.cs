using System.Net;
using Mentoring.Domain;
using Mentoring.Features.Groups;
using Mentoring.Features.Programs;
using Mentoring.Features.Scheduling;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Tests.Groups;

/// <summary>
/// An in-person group keeps to its host's office, and a group has one time: the one set where it is
/// composed, or the one the schedule gives it, shown alike by the group, My sessions and the schedule.
/// </summary>
public abstract class GroupPlaceAndTimeTests<TFixture>(TFixture app) : IClassFixture<TFixture> where TFixture : AppFixture
{
    private async Task<(ProgramDto Program, Dictionary<int, Person> People, int LondonHost, int NewYorkHost)> ProgramWithEveryOfficeAsync(HttpClient admin)
    {
        var program = await (await admin.PostJsonAsync("/api/programs", new ProgramInput
        {
            Name = "Lunches " + Guid.NewGuid().ToString("N")[..6], Kind = ProgramKind.Group, Status = ProgramStatus.Active,
        })).ReadAsync<ProgramDto>();
        await using var db = app.OpenContext();
        var people = await db.People.Include(p => p.Office).Where(p => p.Active).ToDictionaryAsync(p => p.Id);
        int HostIn(string office) => people.Values.Where(p => p.Level >= 4 && p.Office?.Name == office).OrderBy(p => p.Id).First().Id;
        // Juniors from every office, London, New York and Bengaluru alike.
        var juniors = people.Values.Where(p => p.Level <= 2 && p.Office is not null).GroupBy(p => p.OfficeId)
            .SelectMany(g => g.OrderBy(p => p.Id).Take(6)).Select(p => p.Id).ToList();
        Assert.Equal(3, juniors.Select(j => people[j].OfficeId).Distinct().Count());
        foreach (var junior in juniors)
        {
            await (await admin.PostJsonAsync($"/api/programs/{program.Id}/enrollments",
                new EnrollmentInput { PersonId = junior, Role = EnrollmentRole.Participant })).ReadAsync<EnrollmentDto>();
        }
        return (program, people, HostIn("London"), HostIn("New York"));
    }

    [Fact]
    public async Task An_in_person_lunch_keeps_to_its_hosts_office_and_is_booked_at_its_own_time()
    {
        using var admin = app.As(Roles.Admin);
        var (program, people, london, newYork) = await ProgramWithEveryOfficeAsync(admin);

        // Wednesday 9 December at 12:30, hosts in London and New York with room for more than their offices give.
        var composed = await (await admin.PostJsonAsync($"/api/programs/{program.Id}/groups/compose",
            new ComposeInput(ActivityFormats.GroupLunch, null, new DateOnly(2026, 12, 9), [new HostSeat(london, 10), new HostSeat(newYork, 10)], StartTime: "12:30")))
            .ReadAsync<ComposeResult>();
        Assert.Equal(2, composed.ActivityIds.Count);
        var groups = await (await admin.GetAsync($"/api/programs/{program.Id}/groups")).ReadAsync<List<GroupDto>>();
        foreach (var group in groups)
        {
            Assert.NotEmpty(group.Members);
            Assert.All(group.Members, m => Assert.Equal(people[group.Host.Id].OfficeId, people[m.PersonId].OfficeId));
            Assert.Equal(new DateOnly(2026, 12, 9), group.Date);
            Assert.Equal("12:30", group.StartTime);
            Assert.Equal(60, group.DurationMinutes);
            Assert.Equal($"{people[group.Host.Id].Office!.Name} office", group.Place);
        }

        // A virtual format may mix: the London host's virtual table takes juniors from the other offices too.
        var mixed = await (await admin.PostJsonAsync($"/api/programs/{program.Id}/groups/compose",
            new ComposeInput(ActivityFormats.VirtualCoworking, "Online", new DateOnly(2026, 12, 10), [new HostSeat(london, 18)]))).ReadAsync<ComposeResult>();
        var online = (await (await admin.GetAsync($"/api/groups/{Assert.Single(mixed.ActivityIds)}")).ReadAsync<GroupDto>());
        Assert.Equal("10:00", online.StartTime);
        Assert.Contains(online.Members, m => people[m.PersonId].OfficeId != people[london].OfficeId);

        // A room of the host's office may be chosen (one host, one room); a room elsewhere is refused.
        int kew, hudson;
        await using (var db = app.OpenContext())
        {
            kew = await db.Rooms.Where(r => r.Name == "Kew").Select(r => r.Id).SingleAsync();
            hudson = await db.Rooms.Where(r => r.Name == "Hudson").Select(r => r.Id).SingleAsync();
        }
        var elsewhere = await admin.PostJsonAsync($"/api/programs/{program.Id}/groups/compose",
            new ComposeInput(ActivityFormats.GroupLunch, "Roomed", new DateOnly(2026, 12, 16), [new HostSeat(london, 3)], StartTime: "13:00", RoomId: hudson));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("roomId", await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var roomed = await (await admin.PostJsonAsync($"/api/programs/{program.Id}/groups/compose",
            new ComposeInput(ActivityFormats.GroupLunch, "Roomed", new DateOnly(2026, 12, 16), [new HostSeat(london, 3)], StartTime: "13:00", RoomId: kew)))
            .ReadAsync<ComposeResult>();
        var roomedGroup = await (await admin.GetAsync($"/api/groups/{Assert.Single(roomed.ActivityIds)}")).ReadAsync<GroupDto>();
        Assert.Equal("Kew, London office", roomedGroup.Place);

        // The schedule books the lunches on their own day and time, in the host's office.
        var plan = await (await admin.PostJsonAsync($"/api/programs/{program.Id}/schedule", new PlanInput(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 18), 10)))
            .ReadAsync<PlanResult>();
        Assert.Empty(plan.Unscheduled);
        var sessions = (await (await admin.GetAsync($"/api/programs/{program.Id}/schedule?from=2026-12-07&to=2026-12-18")).ReadAsync<List<SessionDto>>())
            .Where(s => s.Status != SessionStatus.Cancelled).ToList();
        foreach (var group in groups)
        {
            var host = people[group.Host.Id];
            var session = sessions.Single(s => s.Title == group.Title);
            var zone = DateTimeZoneProviders.Tzdb[host.EffectiveTimeZone!];
            Assert.Equal(new DateOnly(2026, 12, 9), session.Date);
            Assert.Equal(new LocalTime(12, 30), Instant.FromDateTimeOffset(session.Start).InZone(zone).TimeOfDay);
            Assert.Equal(TimeSpan.FromMinutes(60), session.End - session.Start);
            Assert.Contains($"{host.Office!.Name} office", session.Location, StringComparison.Ordinal);
            Assert.All(session.Attendees, a => Assert.Equal(host.OfficeId, people[a.PersonId].OfficeId));
        }
        var roomedSession = sessions.Single(s => s.Title == roomedGroup.Title);
        Assert.Equal((new DateOnly(2026, 12, 16), "Kew, London office"), (roomedSession.Date, roomedSession.Location));
        Assert.Equal(new LocalTime(13, 0), Instant.FromDateTimeOffset(roomedSession.Start).InZone(DateTimeZoneProviders.Tzdb[people[london].EffectiveTimeZone!]).TimeOfDay);
        var virtualSession = sessions.Single(s => s.Title == online.Title);
        Assert.Equal(new DateOnly(2026, 12, 10), virtualSession.Date);
        Assert.Equal(new LocalTime(10, 0), Instant.FromDateTimeOffset(virtualSession.Start).InZone(DateTimeZoneProviders.Tzdb[people[london].EffectiveTimeZone!]).TimeOfDay);

        // Bad start times name the field.
        var bad = await admin.PostJsonAsync($"/api/programs/{program.Id}/groups/compose",
            new ComposeInput(ActivityFormats.GroupLunch, null, new DateOnly(2026, 12, 9), [new HostSeat(london, 3)], StartTime: "25:00"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("startTime", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_without_a_day_gets_the_one_the_schedule_gives_it()
    {
        using var admin = app.As(Roles.Admin);
        var (program, people, london, _) = await ProgramWithEveryOfficeAsync(admin);
        var composed = await (await admin.PostJsonAsync($"/api/programs/{program.Id}/groups/compose",
            new ComposeInput(ActivityFormats.GroupLunch, "Undated", null, [new HostSeat(london, 4)]))).ReadAsync<ComposeResult>();
        var groupId = Assert.Single(composed.ActivityIds);
        Assert.Null((await (await admin.GetAsync($"/api/groups/{groupId}")).ReadAsync<GroupDto>()).Date);

        await (await admin.PostJsonAsync($"/api/programs/{program.Id}/schedule", new PlanInput(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 18), 10)))
            .ReadAsync<PlanResult>();
        var session = (await (await admin.GetAsync($"/api/programs/{program.Id}/schedule?from=2026-12-07&to=2026-12-18")).ReadAsync<List<SessionDto>>())
            .Single(s => s.Status != SessionStatus.Cancelled);
        var group = await (await admin.GetAsync($"/api/groups/{groupId}")).ReadAsync<GroupDto>();
        var zone = DateTimeZoneProviders.Tzdb[people[london].EffectiveTimeZone!];
        Assert.Equal(session.Date, group.Date);
        Assert.Equal(Instant.FromDateTimeOffset(session.Start).InZone(zone).TimeOfDay.ToString("HH:mm", null), group.StartTime);
        Assert.Equal(TimeSpan.FromMinutes(group.DurationMinutes), session.End - session.Start);

        // Planning again keeps the group's day and time: it is not moved.
        await (await admin.PostJsonAsync($"/api/programs/{program.Id}/schedule", new PlanInput(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 18), 10)))
            .ReadAsync<PlanResult>();
        var again = (await (await admin.GetAsync($"/api/programs/{program.Id}/schedule?from=2026-12-07&to=2026-12-18")).ReadAsync<List<SessionDto>>())
            .Single(s => s.Status != SessionStatus.Cancelled);
        Assert.Equal((session.Date, session.Start, session.End), (again.Date, again.Start, again.End));

        // Every member is invited to that one session (My sessions lists the invitations).
        Assert.Equal(group.Members.Select(m => m.PersonId).Order(), again.Attendees.Select(a => a.PersonId).Order());
    }
}

public sealed class SqliteGroupPlaceAndTimeTests(SqliteAppFixture app) : GroupPlaceAndTimeTests<SqliteAppFixture>(app);

public sealed class PostgresGroupPlaceAndTimeTests(PostgresAppFixture app) : GroupPlaceAndTimeTests<PostgresAppFixture>(app);
