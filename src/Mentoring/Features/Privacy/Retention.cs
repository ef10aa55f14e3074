using System.Globalization;
using System.Text.Json.Nodes;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure;
using Mentoring.Infrastructure.Audit;
using Mentoring.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Mentoring.Features.Privacy;

/// <summary>How long things are kept (<c>Retention:*</c>), in months; 0 keeps them for good.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Private notes, counted from the end of the mentorship (or program) they belong to.</summary>
    public int PrivateNotesMonths { get; set; } = 12;

    /// <summary>Check-in notes, counted from the end of the mentorship.</summary>
    public int CheckInNotesMonths { get; set; } = 12;

    /// <summary>Survey free texts, counted from when they were given (the numbers stay in the aggregates).</summary>
    public int SurveyTextsMonths { get; set; } = 12;

    /// <summary>Answers to a course's discussion questions, counted from the end of the author's last program that assigns the course.</summary>
    public int DiscussionAnswersMonths { get; set; } = 12;

    /// <summary>Messages in the outbox (sent or not), counted from when they were written.</summary>
    public int OutboxMonths { get; set; } = 6;

    /// <summary>People deactivated (leavers) are pseudonymised this long after they left.</summary>
    public int PseudonymiseLeaversAfterMonths { get; set; } = 24;

    /// <summary>The moment before which something kept for <paramref name="months"/> is due; null when kept for good.</summary>
    public static Instant? Cutoff(Instant now, int months) =>
        months <= 0 ? null : now.InUtc().LocalDateTime.PlusMonths(-months).InUtc().ToInstant();
}

/// <summary>One thing the retention pass would remove (or did).</summary>
public sealed record RetentionItem(string Rule, string Entity, string EntityId, string What, Instant Since);

/// <summary>What a pass would remove, or removed.</summary>
public sealed record RetentionReport(Instant At, bool DryRun, RetentionOptions Settings, IReadOnlyList<RetentionItem> Items);

/// <summary>
/// One kind of thing retention removes. Features register theirs (private notes, check-in notes,
/// survey texts) with <see cref="RetentionSetup.AddRetentionRule{T}"/>; the pass asks them all.
/// </summary>
public interface IRetentionRule
{
    /// <summary>What is due at <paramref name="now"/>, without changing anything (the dry run).</summary>
    Task<IReadOnlyList<RetentionItem>> DueAsync(Instant now, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="items"/> (what <see cref="DueAsync"/> gave).</summary>
    Task ApplyAsync(IReadOnlyList<RetentionItem> items, CancellationToken cancellationToken);
}

public static class RetentionSetup
{
    public static IServiceCollection AddRetentionRule<T>(this IServiceCollection services)
        where T : class, IRetentionRule =>
        services.AddScoped<IRetentionRule, T>();
}

/// <summary>Outbox messages older than <c>Retention:OutboxMonths</c>: deleted.</summary>
public sealed class OutboxRetention(MentoringDbContext db, IOptions<RetentionOptions> options) : IRetentionRule
{
    public const string Rule = "outbox";

    public async Task<IReadOnlyList<RetentionItem>> DueAsync(Instant now, CancellationToken cancellationToken)
    {
        if (RetentionOptions.Cutoff(now, options.Value.OutboxMonths) is not { } cutoff)
        {
            return [];
        }
        var due = await db.Notifications.AsNoTracking().Where(n => n.CreatedAt < cutoff).OrderBy(n => n.Id)
            .Select(n => new { n.Id, n.Channel, n.CreatedAt, n.SentAt }).ToListAsync(cancellationToken);
        return due.Select(n => new RetentionItem(Rule, "notification", n.Id.ToString(CultureInfo.InvariantCulture),
            $"{(n.SentAt is null ? "An unsent" : "A sent")} {n.Channel} message", n.CreatedAt)).ToList();
    }

    public async Task ApplyAsync(IReadOnlyList<RetentionItem> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => int.Parse(i.EntityId, CultureInfo.InvariantCulture)).ToList();
        foreach (var chunk in ids.Chunk(500))
        {
            await db.Notifications.Where(n => chunk.Contains(n.Id)).ExecuteDeleteAsync(cancellationToken);
        }
    }
}

/// <summary>People deactivated longer than <c>Retention:PseudonymiseLeaversAfterMonths</c> ago: erased (pseudonymised).</summary>
public sealed class LeaverRetention(MentoringDbContext db, ErasureService erasure, IOptions<RetentionOptions> options) : IRetentionRule
{
    public const string Rule = "leavers";

    public async Task<IReadOnlyList<RetentionItem>> DueAsync(Instant now, CancellationToken cancellationToken)
    {
        if (RetentionOptions.Cutoff(now, options.Value.PseudonymiseLeaversAfterMonths) is not { } cutoff)
        {
            return [];
        }
        var due = await db.People.AsNoTracking().Where(p => !p.Active && p.ErasedAt == null && p.DeactivatedAt != null && p.DeactivatedAt < cutoff)
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Name, p.DeactivatedAt }).ToListAsync(cancellationToken);
        return due.Select(p => new RetentionItem(Rule, "person", p.Id.ToString(CultureInfo.InvariantCulture),
            $"{p.Name}, who left: name, e-mail and texts erased, the record kept for the figures", p.DeactivatedAt!.Value)).ToList();
    }

    public async Task ApplyAsync(IReadOnlyList<RetentionItem> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            await erasure.EraseAsync(int.Parse(item.EntityId, CultureInfo.InvariantCulture), flush: false, cancellationToken);
        }
    }
}

/// <summary>The retention pass: the dry run (what is due) and the run (remove it, audited as the system, then compact).</summary>
public sealed class RetentionService(
    MentoringDbContext db, IEnumerable<IRetentionRule> rules, AuditContext audit, IOptions<RetentionOptions> options)
{
    public async Task<RetentionReport> PreviewAsync(CancellationToken cancellationToken)
    {
        var now = audit.Now;
        return new RetentionReport(now, true, options.Value, await DueAsync(now, cancellationToken));
    }

    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = audit.Now;
        await StampLeaversAsync(now, cancellationToken);
        var removed = new List<RetentionItem>();
        foreach (var rule in rules)
        {
            var due = await rule.DueAsync(now, cancellationToken);
            if (due.Count == 0)
            {
                continue;
            }
            await rule.ApplyAsync(due, cancellationToken);
            removed.AddRange(due);
            db.AuditRecords.Add(audit.NewRecord("retention", due[0].Rule, AuditActions.Removed, null,
                new JsonObject { ["count"] = due.Count, ["entity"] = due[0].Entity }.ToJsonString()));
            await db.SaveChangesAsync(cancellationToken);
        }
        if (removed.Count > 0)
        {
            await StoreCompaction.CompactAsync(db, cancellationToken);
        }
        return new RetentionReport(now, false, options.Value, removed);
    }

    private async Task<List<RetentionItem>> DueAsync(Instant now, CancellationToken cancellationToken)
    {
        var items = new List<RetentionItem>();
        foreach (var rule in rules)
        {
            items.AddRange(await rule.DueAsync(now, cancellationToken));
        }
        return items;
    }

    /// <summary>People who were inactive before leavers were stamped start their time now, so none is kept for ever by accident.</summary>
    private async Task StampLeaversAsync(Instant now, CancellationToken cancellationToken) =>
        await db.People.Where(p => !p.Active && p.DeactivatedAt == null && p.ErasedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.DeactivatedAt, now), cancellationToken);
}

/// <summary>Runs the retention pass once a day (UTC), on the app's clock; a restart may run it again the same day, which removes nothing new.</summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, IClock clock, JobLeases leases, JobMetrics metrics, IOptions<JobsOptions> jobs, ILogger<RetentionJob> logger)
    : PeriodicJob(leases, metrics, jobs, logger)
{
    private LocalDate? lastDay;

    protected override string Activity => "The retention pass";

    protected override string Name => "retention";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = clock.GetCurrentInstant().InUtc().Date;
        if (lastDay == today)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().ActAs(AuditActor.System("retention"));
        var report = await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(cancellationToken);
        lastDay = today;
        if (report.Items.Count > 0)
        {
            logger.LogInformation("Retention removed {Count} items", report.Items.Count);
        }
    }
}
