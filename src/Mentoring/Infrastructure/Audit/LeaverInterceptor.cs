using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mentoring.Infrastructure.Audit;

/// <summary>
/// Stamps <see cref="Person.DeactivatedAt"/> whenever a person is deactivated, whichever path does it
/// (the people pages, the API, the import, SCIM), and clears it when they come back, so retention
/// knows how long someone has been gone.
/// </summary>
public sealed class LeaverInterceptor(AuditContext audit) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var detect = context.ChangeTracker.AutoDetectChangesEnabled;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            StampEntries(context);
        }
        finally
        {
            context.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void StampEntries(DbContext context)
    {
        // Changes were detected by the field-rules interceptor just before; EF detects again before it saves.
        foreach (var entry in context.ChangeTracker.Entries<Person>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            var person = entry.Entity;
            if (!person.Active && person.DeactivatedAt is null)
            {
                person.DeactivatedAt = audit.Now;
                entry.DetectChanges();
            }
            else if (person.Active && person.DeactivatedAt is not null)
            {
                person.DeactivatedAt = null;
                entry.DetectChanges();
            }
        }
    }
}
