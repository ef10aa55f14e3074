using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Mentoring.Features.Notifications;
using Mentoring.Features.Shared;
using Mentoring.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Mentorships;

/// <summary>
/// Nudges pairs that went quiet, on the app's clock: for each check-in a pair missed by its plan,
/// a reminder to each of the two; from the missed check-in that makes the pair at risk, a message to
/// the program's admins. Each nudge is recorded with a unique key (pair, person, due day, kind) in
/// the same transaction as its outbox message, so a restart or a second instance never sends one twice.
/// Groups the same way: their host for each meeting missed, the admins when a group is at risk.
/// </summary>
public sealed class CheckInNudges(IServiceScopeFactory scopes, IClock clock, JobLeases leases, JobMetrics metrics, IOptions<JobsOptions> jobs, ILogger<CheckInNudges> logger)
    : PeriodicJob(leases, metrics, jobs, logger)
{
    protected override string Activity => "Nudging pairs that missed a check-in and groups that missed a meeting";

    protected override string Name => "check-in-nudges";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => NudgeAsync(cancellationToken);

    /// <summary>One pass over every active pair; answers how many messages went to the outbox.</summary>
    public async Task<int> NudgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        await CloseAtEndDateAsync(db, cancellationToken);
        var health = scope.ServiceProvider.GetRequiredService<HealthQueries>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var site = scope.ServiceProvider.GetRequiredService<SiteAddress>();
        var pairs = await health.PairsAsync(null, cancellationToken);
        var admins = await MentorshipSpaceService.AdminEmailsAsync(db, cancellationToken);
        var sent = 0;
        foreach (var pair in pairs)
        {
            if (pair.Verdict.LatestMissedDue(pair.Facts.Started, pair.Facts.Cadence) is not { } due)
            {
                continue;
            }
            var m = pair.Mentorship;
            var now = clock.GetCurrentInstant();
            var known = await db.CheckInReminders.AsNoTracking().Where(r => r.MentorshipId == m.Id && r.DueOn == due)
                .Select(r => new { r.PersonId, r.Kind }).ToListAsync(cancellationToken);
            var written = 0;
            foreach (var (person, other) in new[] { (m.Mentor!, m.Mentee!), (m.Mentee!, m.Mentor!) })
            {
                if (known.Any(k => k.PersonId == person.Id && k.Kind == ReminderKind.Reminder) || person.Email is null)
                {
                    continue;
                }
                db.CheckInReminders.Add(new CheckInReminder { MentorshipId = m.Id, PersonId = person.Id, DueOn = due, Kind = ReminderKind.Reminder, SentAt = now });
                written += (await outbox.EnqueueAsync(person, "check-in-nudge", new Dictionary<string, object?>
                {
                    ["other"] = other.Name,
                    ["every"] = Every(pair.Facts.Cadence),
                    ["due"] = Display.Date(due),
                    ["last"] = pair.Verdict.LastContact is { } last ? Display.Date(last) : "",
                    ["link"] = $"{site.Url()}/Mentorships/{m.Id}",
                }, Categories.Reminders, timeBound: true, new MessageOptions { ProgramId = m.ProgramId, DedupKey = $"check-in-nudge:{m.Id}:{person.Id}:{due:yyyy-MM-dd}" },
                    cancellationToken)).Count;
            }
            if (pair.Verdict.MissedPeriods >= m.Program!.Health.AtRiskMissedPeriods && !known.Any(k => k.Kind == ReminderKind.Admin))
            {
                db.CheckInReminders.Add(new CheckInReminder { MentorshipId = m.Id, PersonId = m.MenteeId, DueOn = due, Kind = ReminderKind.Admin, SentAt = now });
                foreach (var admin in admins)
                {
                    await outbox.EnqueueToAddressAsync(admin, admin, "check-in-missed", new Dictionary<string, object?>
                    {
                        ["mentor"] = m.Mentor!.Name,
                        ["mentee"] = m.Mentee!.Name,
                        ["missed"] = pair.Verdict.MissedPeriods,
                        ["link"] = $"{site.Url()}/Programs/{m.ProgramId}/Health",
                        ["program"] = new Dictionary<string, object?> { ["name"] = m.Program.Name, ["id"] = m.ProgramId },
                    }, Categories.General, cancellationToken);
                    written++;
                }
            }
            sent += await SaveOnceAsync(db, written, cancellationToken);
        }
        foreach (var group in await health.GroupsAsync(null, cancellationToken))
        {
            sent += await NudgeGroupAsync(db, outbox, site, admins, group, cancellationToken);
        }
        return sent;
    }

    /// <summary>
    /// A group that missed a meeting: its host is reminded, once per missed meeting; a group at risk: the
    /// admins are told, once per quiet spell (<see cref="GroupHealth.AtRiskKey"/>). The outbox's unique
    /// keys are the record of both.
    /// </summary>
    private static async Task<int> NudgeGroupAsync(MentoringDbContext db, Outbox outbox, SiteAddress site, IReadOnlyList<string> admins, GroupHealth group,
        CancellationToken cancellationToken)
    {
        var g = group.Group;
        var written = 0;
        if (group.Verdict.LatestMissedDue(group.Facts.Started, group.Facts.Cadence) is { } due && g.Host is { Email: not null } host)
        {
            var key = $"group-quiet:{g.Id}:{host.Id}:{due:yyyy-MM-dd}";
            if (!await db.Notifications.AnyAsync(n => n.DedupKey != null && n.DedupKey.StartsWith(key + ":"), cancellationToken))
            {
                written += (await outbox.EnqueueAsync(host, "group-quiet", new Dictionary<string, object?>
                {
                    ["group"] = g.Title,
                    ["members"] = group.Members.Count,
                    ["every"] = Every(group.Facts.Cadence),
                    ["due"] = Display.Date(due),
                    ["last"] = group.Verdict.LastContact is { } last ? Display.Date(last) : "",
                    ["link"] = $"{site.Url()}/Groups/{g.Id}/Space",
                }, Categories.Reminders, timeBound: true, new MessageOptions { ProgramId = g.ProgramId, DedupKey = key }, cancellationToken)).Count;
            }
        }
        if (group.Verdict.Health == RelationshipHealth.AtRisk && !group.AdminTold)
        {
            foreach (var admin in admins)
            {
                var row = await outbox.EnqueueToAddressAsync(admin, admin, "group-at-risk", new Dictionary<string, object?>
                {
                    ["group"] = g.Title,
                    ["host"] = g.Host!.Name,
                    ["why"] = string.Join("; ", group.Verdict.Reasons),
                    ["link"] = $"{site.Url()}/Programs/{g.ProgramId}/Health#groups",
                    ["program"] = new Dictionary<string, object?> { ["name"] = group.Program.Name, ["id"] = g.ProgramId },
                }, Categories.General, cancellationToken);
                // One key per admin and quiet spell: a second instance's copy fails on it.
                row.DedupKey = group.AtRiskKey + GroupHealth.Short(admin);
                written++;
            }
        }
        return await SaveOnceAsync(db, written, cancellationToken);
    }

    /// <summary>Saves one pair's or group's nudges; answers how many went out (none when another instance recorded them first).</summary>
    private static async Task<int> SaveOnceAsync(MentoringDbContext db, int written, CancellationToken cancellationToken)
    {
        if (!db.ChangeTracker.HasChanges())
        {
            return 0;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return written;
        }
        catch (DbUpdateException)
        {
            // Another instance recorded the same nudge first: its message is the one that goes out.
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    /// <summary>The reason a mentorship ended on its own, as the pair's space shows it.</summary>
    public const string EndDateReason = "The end date of our plan came.";

    /// <summary>
    /// A mentorship whose current plan's end date has passed (in the plan's zone) ends: what the pair
    /// achieved stays visible to them, and it is no longer nudged. Either person may close it earlier.
    /// </summary>
    private async Task CloseAtEndDateAsync(MentoringDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var plans = await db.MentorshipPlans.AsNoTracking()
            .Where(p => db.Mentorships.Any(m => m.Id == p.MentorshipId && m.Status == MentorshipStatus.Active))
            .Select(p => new { p.MentorshipId, p.Version, p.EndDate, p.TimeZone }).ToListAsync(cancellationToken);
        var due = plans.GroupBy(p => p.MentorshipId).Select(g => g.MaxBy(p => p.Version)!)
            .Where(p => p.EndDate is { } end && end < Today.Of(now, p.TimeZone)).Select(p => p.MentorshipId).ToList();
        if (due.Count == 0)
        {
            return;
        }
        foreach (var m in await db.Mentorships.Where(m => due.Contains(m.Id) && m.Status == MentorshipStatus.Active).ToListAsync(cancellationToken))
        {
            (m.Status, m.EndedAt, m.CloseReason) = (MentorshipStatus.Ended, now, EndDateReason);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Every(PlanCadence cadence) => cadence switch
    {
        PlanCadence.Fortnightly => "every fortnight",
        PlanCadence.Monthly => "every month",
        _ => "every week",
    };
}
