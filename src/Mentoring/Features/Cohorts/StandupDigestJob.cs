using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Features.Notifications;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.Cohorts;

/// <summary>
/// Each morning (in the host's own zone), the host of a cohort gets one e-mail with the previous
/// day's stand-ups, the stuck ones first: a group's host for their groups, the program admins for
/// programs' cohorts. It goes through the outbox (template "standup-digest"). The digest's row, unique per host and day and written with the message, keeps
/// it to one a day whatever restarts, repeats or second instances happen.
/// </summary>
public sealed class StandupDigestJob(IServiceScopeFactory scopes, IClock clock, JobLeases leases, JobMetrics metrics, IOptions<JobsOptions> jobs, ILogger<StandupDigestJob> logger)
    : PeriodicJob(leases, metrics, jobs, logger)
{
    private sealed record Host(string Email, string Name, string? Zone, bool Admin, int? PersonId);

    protected override string Activity => "Writing the stand-up digests";

    protected override string Name => "standup-digests";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => WriteDueDigestsAsync(cancellationToken);

    /// <summary>Writes every digest that is due and not yet written; answers how many it wrote.</summary>
    public async Task<int> WriteDueDigestsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var now = clock.GetCurrentInstant();

        var admins = await Accounts.AdminAccounts.ActiveAsync(db, cancellationToken);
        var adminIds = admins.Where(a => a.PersonId != null).Select(a => a.PersonId!.Value).ToList();
        var adminZones = (await db.People.Where(p => adminIds.Contains(p.Id)).Select(p => new { p.Id, Zone = p.Office == null ? null : p.Office.TimeZone })
            .ToListAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.Zone);
        var groupHosts = await db.GroupActivities.Where(g => g.Host!.Email != null)
            .Select(g => new { g.HostId, Email = g.Host!.Email!, g.Host.Name, Zone = g.Host.Office!.TimeZone }).Distinct().ToListAsync(cancellationToken);
        var hosts = admins.Select(a => new Host(a.Email, a.Name, a.PersonId is { } id ? adminZones.GetValueOrDefault(id) : null, true, a.PersonId))
            .Concat(groupHosts.Select(h => new Host(h.Email, h.Name, h.Zone, false, h.HostId)))
            .GroupBy(h => h.Email.ToLowerInvariant())
            .Select(g => g.First() with { Admin = g.Any(h => h.Admin), PersonId = g.Select(h => h.PersonId).FirstOrDefault(id => id is not null) })
            .ToList();
        if (hosts.Count == 0)
        {
            return 0;
        }

        // Every host's yesterday is one of three days around the UTC one, whatever their zone.
        var utcToday = now.InUtc().Date;
        var days = Enumerable.Range(-2, 3).Select(utcToday.PlusDays).ToList();
        var standups = await db.Standups.AsNoTracking().Include(s => s.Author).Where(s => days.Contains(s.On)).ToListAsync(cancellationToken);
        if (standups.Count == 0)
        {
            return 0;
        }
        var programNames = await db.Programs.ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var groups = await db.GroupActivities.Where(g => standups.Select(s => s.GroupId).Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, g => new { g.Title, g.HostId }, cancellationToken);

        var written = 0;
        foreach (var host in hosts)
        {
            var yesterday = Today.Of(now, host.Zone).PlusDays(-1);
            var theirs = standups.Where(s => s.On == yesterday
                    && (s.GroupId is { } g ? groups.TryGetValue(g, out var group) && group.HostId == host.PersonId : host.Admin))
                .ToList();
            if (theirs.Count == 0
                || await db.StandupDigests.AnyAsync(d => d.Recipient == host.Email && d.Day == yesterday, cancellationToken))
            {
                continue;
            }
            var day = LocalDatePattern.Iso.Format(yesterday);
            // The stuck ones first, in each cohort, so the host sees at once who needs a hand.
            var cohorts = theirs.GroupBy(s => s.GroupId is { } g ? groups[g].Title : programNames.GetValueOrDefault(s.ProgramId, ""))
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new Dictionary<string, object?>
                {
                    ["name"] = c.Key,
                    ["standups"] = c.OrderBy(s => s.Stuck.Length == 0).ThenBy(s => s.Author!.Name, StringComparer.Ordinal)
                        .Select(s => new Dictionary<string, object?> { ["author"] = s.Author!.Name, ["did"] = s.Did, ["next"] = s.Next, ["stuck"] = s.Stuck }).ToList(),
                }).ToList();
            var model = new Dictionary<string, object?>
            {
                ["host"] = host.Name, ["day"] = day, ["count"] = theirs.Count, ["stuck"] = theirs.Count(s => s.Stuck.Length > 0), ["cohorts"] = cohorts,
            };
            // Through the outbox: the host's channels, quiet hours, digest and unsubscribe apply; a host with no person behind their account gets e-mail.
            var person = host.PersonId is { } personId ? await db.People.Include(p => p.Office).SingleOrDefaultAsync(p => p.Id == personId, cancellationToken) : null;
            var notification = person is not null
                ? (await outbox.EnqueueAsync(person, "standup-digest", model, Categories.Digests, timeBound: false,
                    cancellationToken: cancellationToken)).FirstOrDefault()
                : await outbox.EnqueueToAddressAsync(host.Email, host.Name, "standup-digest", model, Categories.Digests, cancellationToken);
            db.StandupDigests.Add(new StandupDigest { Recipient = host.Email, Day = yesterday, CreatedAt = now, Notification = notification });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                written++;
            }
            catch (DbUpdateException)
            {
                // Another instance wrote this digest first: its row (and message) stand, ours is dropped.
                db.ChangeTracker.Clear();
            }
        }
        return written;
    }
}
