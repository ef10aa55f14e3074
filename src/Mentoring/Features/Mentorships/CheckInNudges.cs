using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
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
/// </summary>
public sealed class CheckInNudges(IServiceScopeFactory scopes, IClock clock, JobLeases leases, JobMetrics metrics, IOptions<JobsOptions> jobs, ILogger<CheckInNudges> logger)
    : PeriodicJob(leases, metrics, jobs, logger)
{
    protected override string Activity => "Nudging pairs that missed a check-in";

    protected override string Name => "check-in-nudges";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => NudgeAsync(cancellationToken);

    /// <summary>One pass over every active pair; answers how many messages went to the outbox.</summary>
    public async Task<int> NudgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var health = scope.ServiceProvider.GetRequiredService<HealthQueries>();
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
            var messages = new List<Notification>();
            foreach (var (person, other) in new[] { (m.Mentor!, m.Mentee!), (m.Mentee!, m.Mentor!) })
            {
                if (known.Any(k => k.PersonId == person.Id && k.Kind == ReminderKind.Reminder) || person.Email is null)
                {
                    continue;
                }
                db.CheckInReminders.Add(new CheckInReminder { MentorshipId = m.Id, PersonId = person.Id, DueOn = due, Kind = ReminderKind.Reminder, SentAt = now });
                messages.Add(new Notification
                {
                    Channel = "email", Recipient = person.Email, CreatedAt = now,
                    Subject = $"Time for a check-in with {other.Name}",
                    Body = $"Your plan with {other.Name} has a check-in {Every(pair.Facts.Cadence)}, and one was due on {Display.Date(due)}. "
                        + (pair.Verdict.LastContact is { } last ? $"Your last check-in was on {Display.Date(last)}. " : "You have not logged a check-in yet. ")
                        + $"Log one in a step from your pair's space: /Mentorships/{m.Id}",
                });
            }
            if (pair.Verdict.MissedPeriods >= m.Program!.Health.AtRiskMissedPeriods && !known.Any(k => k.Kind == ReminderKind.Admin))
            {
                db.CheckInReminders.Add(new CheckInReminder { MentorshipId = m.Id, PersonId = m.MenteeId, DueOn = due, Kind = ReminderKind.Admin, SentAt = now });
                messages.AddRange(admins.Select(admin => new Notification
                {
                    Channel = "email", Recipient = admin, CreatedAt = now,
                    Subject = $"{m.Mentor!.Name} and {m.Mentee!.Name} have missed {pair.Verdict.MissedPeriods} check-ins",
                    Body = $"In {m.Program.Name}, the pair {m.Mentor.Name} (mentor) and {m.Mentee.Name} (mentee) have missed {pair.Verdict.MissedPeriods} check-ins "
                        + $"by their plan; both were reminded. See the program's health page: /Programs/{m.ProgramId}/Health",
                }));
            }
            if (messages.Count == 0 && !db.ChangeTracker.HasChanges())
            {
                continue;
            }
            db.Notifications.AddRange(messages);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                sent += messages.Count;
            }
            catch (DbUpdateException)
            {
                // Another instance recorded the same nudge first: its message is the one that goes out.
                db.ChangeTracker.Clear();
            }
        }
        return sent;
    }

    private static string Every(PlanCadence cadence) => cadence switch
    {
        PlanCadence.Fortnightly => "every fortnight",
        PlanCadence.Monthly => "every month",
        _ => "every week",
    };
}
