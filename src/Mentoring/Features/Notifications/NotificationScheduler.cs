using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Notifications;

/// <summary>
/// The clock-driven messages: reminders before each session (24 h and 1 h unless the program says
/// otherwise), to the owner of an action item due (the day before, else on the day), each person's daily or weekly digest of what was held for it, and the Monday digests
/// for mentors and admins. Each is written once, whichever instance gets there first (dedup keys).
/// </summary>
public sealed class NotificationScheduler(IServiceScopeFactory scopes, JobLeases leases, JobMetrics metrics, IOptions<JobsOptions> jobs, ILogger<NotificationScheduler> logger)
    : PeriodicJob(leases, metrics, jobs, logger)
{
    protected override string Activity => "Writing reminders and digests";

    protected override string Name => "reminders-and-digests";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationDigests>().RunAsync(cancellationToken);
    }
}

public sealed class NotificationDigests(IServiceScopeFactory scopes, MentoringDbContext db, IClock clock, ILogger<NotificationDigests> logger)
{
    public static readonly LocalTime DigestTime = new(8, 0);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await RemindersAsync(cancellationToken);
        await ActionItemRemindersAsync(cancellationToken);
        await PersonalDigestsAsync(cancellationToken);
        await WeeklyDigestsAsync(cancellationToken);
    }

    /// <summary>For each coming session, the smallest reminder offset already reached, once per person.</summary>
    public async Task RemindersAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var settings = await db.ProgramNotificationSettings.AsNoTracking().ToDictionaryAsync(s => s.ProgramId, s => s.ReminderHours, cancellationToken);
        var longest = settings.Values.SelectMany(h => h).Append(24).Max();
        var horizon = now + Duration.FromHours(longest);
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.Host).Include(s => s.Attendees).ThenInclude(a => a.Person)
            .Where(s => s.Status != SessionStatus.Cancelled && s.Start > now && s.Start <= horizon).AsSplitQuery().ToListAsync(cancellationToken);
        foreach (var session in sessions)
        {
            var offsets = settings.GetValueOrDefault(session.ProgramId) ?? [24, 1];
            var reached = offsets.Where(h => now >= session.Start - Duration.FromHours(h)).ToList();
            if (reached.Count == 0)
            {
                continue;
            }
            var offset = reached.Min();
            var people = session.Attendees.Where(a => a.Response != AttendeeResponse.Declined).Select(a => a.Person).Append(session.Host).OfType<Person>().DistinctBy(p => p.Id);
            foreach (var person in people)
            {
                var key = SessionMessages.ReminderKey(session, person.Id, offset);
                if (await db.Notifications.AnyAsync(n => n.DedupKey != null && n.DedupKey.StartsWith(key + ":"), cancellationToken))
                {
                    continue;
                }
                await WriteOnceAsync(async (services, ct) =>
                    await services.GetRequiredService<SessionMessages>().RemindAsync(session, person, offset, ct), cancellationToken);
            }
        }
    }

    /// <summary>
    /// To each open action item's owner, from 08:00 the day before it is due in their zone (or on the day,
    /// when it was set too late for that): once per item and due date, whichever instance writes it first.
    /// A pair's items while the mentorship is active; a group's while its program runs (a group has no end of its own).
    /// </summary>
    public async Task ActionItemRemindersAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        // Every zone's today is within a day of UTC's.
        var utcToday = now.InUtc().Date;
        var (first, last) = (utcToday.PlusDays(-1), utcToday.PlusDays(2));
        var running = MentoringProgram.RunningStatuses;
        var items = await db.ActionItems.AsNoTracking()
            .Where(i => i.DoneAt == null && i.DueDate != null && i.DueDate >= first && i.DueDate <= last
                && (db.Mentorships.Any(m => m.Id == i.MentorshipId && m.Status == MentorshipStatus.Active)
                    || db.GroupActivities.Any(g => g.Id == i.GroupId && db.Programs.Any(p => p.Id == g.ProgramId && running.Contains(p.Status)))))
            .OrderBy(i => i.Id).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return;
        }
        var mentorshipIds = items.Where(i => i.MentorshipId != null).Select(i => i.MentorshipId!.Value).Distinct().ToList();
        var pairs = await db.Mentorships.AsNoTracking().Where(m => mentorshipIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var groupIds = items.Where(i => i.GroupId != null).Select(i => i.GroupId!.Value).Distinct().ToList();
        var groups = await db.GroupActivities.AsNoTracking().Where(g => groupIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Title, g.ProgramId }).ToDictionaryAsync(g => g.Id, cancellationToken);
        var peopleIds = pairs.Values.SelectMany(m => new[] { m.MentorId, m.MenteeId }).Concat(items.Select(i => i.OwnerId)).Distinct().ToList();
        var people = await db.People.AsNoTracking().Include(p => p.Office).Where(p => peopleIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        foreach (var item in items)
        {
            if (!people.TryGetValue(item.OwnerId, out var owner))
            {
                continue;
            }
            var due = item.DueDate!.Value;
            var local = now.InZone(ZoneOf(owner)).LocalDateTime;
            var dayBefore = local.Date == due.PlusDays(-1) && local.TimeOfDay >= DigestTime;
            if (!dayBefore && local.Date != due)
            {
                continue;
            }
            var key = $"action-due:{item.Id}:{due:yyyy-MM-dd}";
            if (await db.Notifications.AnyAsync(n => n.DedupKey != null && n.DedupKey.StartsWith(key + ":"), cancellationToken))
            {
                continue;
            }
            var model = new Dictionary<string, object?>
            {
                ["item"] = new Dictionary<string, object?>
                {
                    ["text"] = item.Text, ["date"] = Shared.Display.Day(due), ["when"] = local.Date == due ? "today" : "tomorrow",
                },
            };
            string templateKey, path;
            int programId;
            if (item.MentorshipId is { } mentorshipId && pairs.TryGetValue(mentorshipId, out var pair))
            {
                var otherId = pair.MentorId == owner.Id ? pair.MenteeId : pair.MentorId;
                model["other"] = people.TryGetValue(otherId, out var other) ? other.Name : "";
                (templateKey, path, programId) = ("action-item-due", $"/Mentorships/{pair.Id}", pair.ProgramId);
            }
            else if (item.GroupId is { } groupId && groups.TryGetValue(groupId, out var group))
            {
                model["group"] = group.Title;
                (templateKey, path, programId) = ("group-action-item-due", $"/Groups/{group.Id}/Space", group.ProgramId);
            }
            else
            {
                continue;
            }
            await WriteOnceAsync(async (services, ct) =>
            {
                model["link"] = services.GetRequiredService<SiteAddress>().Url() + path;
                await services.GetRequiredService<Outbox>().EnqueueAsync(owner, templateKey, model, Categories.Reminders, timeBound: true,
                    new MessageOptions { ProgramId = programId, DedupKey = key }, ct);
            }, cancellationToken);
        }
    }

    /// <summary>What was held for people who want a digest, gathered at 08:00 their time (Mondays for a weekly one).</summary>
    public async Task PersonalDigestsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var waiting = await db.Notifications.AsNoTracking().Where(n => n.Status == NotificationStatus.Held && n.PersonId != null)
            .Select(n => n.PersonId!.Value).Distinct().ToListAsync(cancellationToken);
        foreach (var personId in waiting)
        {
            var person = await db.People.AsNoTracking().Include(p => p.Office).SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
            var preference = await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == personId, cancellationToken);
            if (person is null)
            {
                continue;
            }
            var local = now.InZone(ZoneOf(person)).LocalDateTime;
            var frequency = preference?.Digest ?? DigestFrequency.None;
            var time = local.TimeOfDay >= DigestTime && (frequency != DigestFrequency.Weekly || local.DayOfWeek == IsoDayOfWeek.Monday);
            // A person who went back to single messages gets what was held at once.
            if (frequency != DigestFrequency.None && !time)
            {
                continue;
            }
            var held = await db.Notifications.Where(n => n.Status == NotificationStatus.Held && n.PersonId == personId).OrderBy(n => n.Id).ToListAsync(cancellationToken);
            // One row per message and channel: the digest lists each message once.
            var items = held.DistinctBy(n => (n.Subject, n.CreatedAt)).Select(n => (object?)new Dictionary<string, object?>
            {
                ["subject"] = n.Subject, ["body"] = n.Body.Split("\n--\n")[0].Trim(),
            }).ToList();
            await WriteOnceAsync(async (services, ct) =>
            {
                var scoped = services.GetRequiredService<MentoringDbContext>();
                await services.GetRequiredService<Outbox>().EnqueueAsync(person, "digest", new() { ["items"] = items }, Categories.Digests, timeBound: true,
                    new MessageOptions { DedupKey = $"digest:{personId}:{local.Date:yyyy-MM-dd}:{held.Max(h => h.Id)}" }, ct);
                var ids = held.Select(h => h.Id).ToList();
                await scoped.Notifications.Where(n => ids.Contains(n.Id) && n.Status == NotificationStatus.Held)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationStatus.Digested), ct);
            }, cancellationToken);
        }
    }

    /// <summary>Mondays from 08:00 in each person's zone: mentors hear about their pairs, admins about program health.</summary>
    public async Task WeeklyDigestsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var running = MentoringProgram.RunningStatuses;
        var mentorships = await db.Mentorships.AsNoTracking().Include(m => m.Mentor!).ThenInclude(p => p.Office).Include(m => m.Mentee)
            .Where(m => m.Status == MentorshipStatus.Active).ToListAsync(cancellationToken);
        var pairsByMentor = mentorships.ToLookup(m => m.MentorId);
        // The running groups with members, by host: a host hears about them too, pairs or none.
        var groupsByHost = (await db.GroupActivities.AsNoTracking()
                .Where(g => g.Members.Any() && db.Programs.Any(p => p.Id == g.ProgramId && running.Contains(p.Status)))
                .OrderBy(g => g.Title).ThenBy(g => g.Id)
                .Select(g => new { g.Id, g.Title, g.HostId, Members = g.Members.Count }).ToListAsync(cancellationToken))
            .ToLookup(g => g.HostId);
        var mentorIds = mentorships.Select(m => m.MentorId).ToHashSet();
        var hostsOnly = groupsByHost.Select(g => g.Key).Where(id => !mentorIds.Contains(id)).ToList();
        var hostsWithoutPairs = await db.People.AsNoTracking().Include(p => p.Office)
            .Where(p => hostsOnly.Contains(p.Id) && p.Active).ToListAsync(cancellationToken);
        foreach (var mentor in mentorships.Select(m => m.Mentor!).DistinctBy(p => p.Id).Concat(hostsWithoutPairs))
        {
            var group = pairsByMentor[mentor.Id].ToList();
            if (Week(mentor, now) is not { } week)
            {
                continue;
            }
            var key = $"weekly-mentor:{mentor.Id}:{week:yyyy-MM-dd}";
            if (await db.Notifications.AnyAsync(n => n.DedupKey != null && n.DedupKey.StartsWith(key + ":"), cancellationToken))
            {
                continue;
            }
            var weekEnd = now + Duration.FromDays(7);
            var ids = group.Select(m => m.Id).ToList();
            var sessions = await db.Sessions.AsNoTracking().Include(s => s.Attendees)
                .Where(s => s.MentorshipId != null && ids.Contains(s.MentorshipId.Value) && s.Status != SessionStatus.Cancelled && s.Start >= now)
                .OrderBy(s => s.Start).ToListAsync(cancellationToken);
            var pending = await db.SessionAttendees.AsNoTracking().CountAsync(a => a.PersonId == mentor.Id && a.Response == AttendeeResponse.Pending
                && db.Sessions.Any(s => s.Id == a.SessionId && s.Start >= now && s.Status != SessionStatus.Cancelled), cancellationToken)
                + sessions.Count(s => s.HostId == mentor.Id && s.Status == SessionStatus.Proposed && s.Attendees.Any(a => a.Response == AttendeeResponse.Pending));
            var zone = ZoneOf(mentor);
            // What is due: the pairs' open action items, late or due within the week.
            var dueBy = week.PlusDays(7);
            // And those of the running groups the mentor hosts.
            var hostedGroups = groupsByHost[mentor.Id].ToList();
            var hosted = hostedGroups.ToDictionary(g => g.Id, g => g.Title);
            var hostedIds = hosted.Keys.ToList();
            var groupSessions = await db.Sessions.AsNoTracking()
                .Where(s => s.GroupActivityId != null && hostedIds.Contains(s.GroupActivityId.Value) && s.Status != SessionStatus.Cancelled && s.Start >= now)
                .OrderBy(s => s.Start).ToListAsync(cancellationToken);
            var items = await db.ActionItems.AsNoTracking()
                .Where(i => ((i.MentorshipId != null && ids.Contains(i.MentorshipId.Value)) || (i.GroupId != null && hostedIds.Contains(i.GroupId.Value)))
                    && i.DoneAt == null && i.DueDate != null && i.DueDate < dueBy)
                .OrderBy(i => i.DueDate).ThenBy(i => i.Id).ToListAsync(cancellationToken);
            var names = group.SelectMany(m => new[] { m.Mentor!, m.Mentee! }).OfType<Person>().DistinctBy(p => p.Id).ToDictionary(p => p.Id, p => p.Name);
            var strangers = items.Select(i => i.OwnerId).Where(id => !names.ContainsKey(id)).Distinct().ToList();
            foreach (var person in await db.People.AsNoTracking().Where(p => strangers.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken))
            {
                names[person.Id] = person.Name;
            }
            var due = items.Select(i => (object?)new Dictionary<string, object?>
            {
                ["text"] = i.Text,
                ["date"] = Shared.Display.Day(i.DueDate!.Value),
                ["late"] = i.DueDate < week,
                ["owner"] = i.OwnerId == mentor.Id ? "you" : names.GetValueOrDefault(i.OwnerId, ""),
                // A group's item names the group, also as "mentee" for templates edited before groups had items.
                ["mentee"] = i.GroupId is { } groupId ? hosted[groupId] : group.Single(m => m.Id == i.MentorshipId).Mentee?.Name ?? "",
                ["group"] = i.GroupId is { } g ? hosted[g] : "",
            }).ToList();
            var pairs = group.Select(m => (object?)new Dictionary<string, object?>
            {
                ["name"] = m.Mentee?.Name ?? "",
                ["sessions"] = sessions.Count(s => s.MentorshipId == m.Id && s.Start < weekEnd),
                ["next"] = sessions.FirstOrDefault(s => s.MentorshipId == m.Id) is { } next ? SessionMessages.When(next, zone) : "none planned",
            }).ToList();
            var groups = hostedGroups.Select(g => (object?)new Dictionary<string, object?>
            {
                ["title"] = g.Title,
                ["members"] = g.Members,
                ["sessions"] = groupSessions.Count(s => s.GroupActivityId == g.Id && s.Start < weekEnd),
                ["next"] = groupSessions.FirstOrDefault(s => s.GroupActivityId == g.Id) is { } next ? SessionMessages.When(next, zone) : "none planned",
            }).ToList();
            await WriteOnceAsync(async (services, ct) =>
                await services.GetRequiredService<Outbox>().EnqueueAsync(mentor, "weekly-mentor",
                    new() { ["pairs"] = pairs, ["groups"] = groups, ["pending"] = pending, ["due"] = due },
                    Categories.Digests, timeBound: true, new MessageOptions { DedupKey = key }, ct), cancellationToken);
        }

        var adminIds = (await Accounts.AdminAccounts.ActiveAsync(db, cancellationToken)).Where(a => a.PersonId != null).Select(a => a.PersonId!.Value).Distinct().ToList();
        if (adminIds.Count == 0)
        {
            return;
        }
        var admins = await db.People.AsNoTracking().Include(p => p.Office).Where(p => adminIds.Contains(p.Id)).ToListAsync(cancellationToken);
        List<object?>? programs = null;
        var dead = await db.Notifications.CountAsync(n => n.Status == NotificationStatus.Dead || n.Status == NotificationStatus.Unconfirmed, cancellationToken);
        foreach (var admin in admins)
        {
            if (Week(admin, now) is not { } week)
            {
                continue;
            }
            var key = $"weekly-admin:{admin.Id}:{week:yyyy-MM-dd}";
            if (await db.Notifications.AnyAsync(n => n.DedupKey != null && n.DedupKey.StartsWith(key + ":"), cancellationToken))
            {
                continue;
            }
            programs ??= await HealthAsync(now, cancellationToken);
            await WriteOnceAsync(async (services, ct) =>
                await services.GetRequiredService<Outbox>().EnqueueAsync(admin, "weekly-admin", new() { ["programs"] = programs, ["dead_letters"] = dead },
                    Categories.Digests, timeBound: true, new MessageOptions { DedupKey = key }, ct), cancellationToken);
        }
    }

    /// <summary>Counts per active program that the admin's digest reports.</summary>
    public async Task<List<object?>> HealthAsync(Instant now, CancellationToken cancellationToken)
    {
        var weekEnd = now + Duration.FromDays(7);
        var list = new List<object?>();
        foreach (var program in await db.Programs.AsNoTracking().Where(p => p.Status == ProgramStatus.Active).OrderBy(p => p.Name).ToListAsync(cancellationToken))
        {
            var mentees = await db.Enrollments.AsNoTracking().Where(e => e.ProgramId == program.Id && e.Role == EnrollmentRole.Mentee).Select(e => e.PersonId).ToListAsync(cancellationToken);
            var matched = await db.Mentorships.AsNoTracking().Where(m => m.ProgramId == program.Id && m.Status == MentorshipStatus.Active).Select(m => m.MenteeId).ToListAsync(cancellationToken);
            var sessions = await db.Sessions.AsNoTracking().Where(s => s.ProgramId == program.Id && s.Status != SessionStatus.Cancelled && s.Start >= now && s.Start < weekEnd)
                .Select(s => s.Status).ToListAsync(cancellationToken);
            list.Add(new Dictionary<string, object?>
            {
                ["name"] = program.Name,
                ["enrolled"] = await db.Enrollments.AsNoTracking().CountAsync(e => e.ProgramId == program.Id, cancellationToken),
                ["mentorships"] = matched.Count,
                ["sessions"] = sessions.Count,
                ["accepted"] = sessions.Count(s => s == SessionStatus.Accepted),
                ["unmatched"] = mentees.Except(matched).Count(),
            });
        }
        return list;
    }

    /// <summary>The Monday of this week when it is Monday from 08:00 on in the person's zone; null otherwise.</summary>
    private static LocalDate? Week(Person person, Instant now)
    {
        var local = now.InZone(ZoneOf(person)).LocalDateTime;
        return local.DayOfWeek == IsoDayOfWeek.Monday && local.TimeOfDay >= DigestTime ? local.Date : null;
    }

    private static DateTimeZone ZoneOf(Person person) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(person.EffectiveTimeZone ?? "") ?? DateTimeZone.Utc;

    /// <summary>Writes in a scope of its own, so that a key another instance wrote first drops only this message.</summary>
    private async Task WriteOnceAsync(Func<IServiceProvider, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var scoped = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        await using var transaction = await scoped.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await write(scope.ServiceProvider, cancellationToken);
            await scoped.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            logger.LogDebug("A clock-driven message was written elsewhere first: {Error}", e.InnerException?.Message ?? e.Message);
        }
    }
}
