using System.Globalization;
using Mentoring.Data;
using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Mentoring.Infrastructure.Jobs;

/// <summary>
/// Leases in the database that let one instance at a time run a pass of a periodic job. Taking one is
/// a single conditional update (free, lapsed or already ours → ours), or, the first time, an insert
/// that the primary key lets only one instance win; so two instances on one PostgreSQL never both
/// hold it, whatever the timing.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, IClock clock, ILogger<JobLeases> logger)
{
    /// <summary>This instance; a fresh id per start, so a restarted process does not inherit its old leases.</summary>
    public string Owner { get; } = string.Create(CultureInfo.InvariantCulture,
        $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    /// <summary>Takes (or renews) the lease on <paramref name="name"/> for <paramref name="length"/>; false while another instance holds it.</summary>
    public async Task<bool> TryAcquireAsync(string name, Duration length, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var now = clock.GetCurrentInstant();
        var until = now + length;
        var owner = Owner;
        var taken = await db.JobLeases.Where(l => l.Name == name && (l.Owner == owner || l.LeaseUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Owner, owner).SetProperty(l => l.LeaseUntil, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }
        if (await db.JobLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }
        db.JobLeases.Add(new JobLease { Name = name, Owner = owner, LeaseUntil = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e)
        {
            // Another instance inserted the first lease of this job at the same moment: theirs it is.
            logger.LogDebug(e, "The lease on {Job} went to another instance", name);
            return false;
        }
    }

    /// <summary>Gives the lease up at once (if still ours), so the next pass may run on any instance.</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MentoringDbContext>();
        var owner = Owner;
        var now = clock.GetCurrentInstant() - Duration.FromTicks(1);
        await db.JobLeases.Where(l => l.Name == name && l.Owner == owner)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.LeaseUntil, now), cancellationToken);
    }
}
