using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mentoring.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Mentoring.Infrastructure.Audit;

/// <summary>
/// The audit trail, once for every feature: each SaveChanges writes an <see cref="AuditRecord"/> per
/// created, changed or deleted entity (fields with old and new values, secrets and private texts
/// as "hidden"), in the same transaction as the change (it opens one when the caller has none).
/// Records of new rows are written after the rows, when their keys are known, before the commit.
/// Refuses any change to an existing audit record: the trail is append-only.
/// </summary>
public sealed class AuditInterceptor(AuditContext audit) : SaveChangesInterceptor
{
    private readonly List<Pending> pending = [];
    private IDbContextTransaction? ownTransaction;
    private bool writing;

    private sealed record Pending(EntityEntry Entry, string Action, JsonObject Changes);

    /// <summary>A field of a new row whose value the store gives (its key, a key of another new row): read after the save.</summary>
    private sealed record Temporary(JsonObject Changes, string Field, PropertyEntry Property);

    private readonly List<Temporary> temporaries = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Capture(eventData.Context) is { } context && ownTransaction is null && context.Database.CurrentTransaction is null)
        {
            ownTransaction = context.Database.BeginTransaction();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Capture(eventData.Context) is { } context && ownTransaction is null && context.Database.CurrentTransaction is null)
        {
            ownTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && !writing && pending.Count > 0)
        {
            writing = true;
            try
            {
                context.AddRange(Records());
                context.SaveChanges();
                ownTransaction?.Commit();
            }
            finally
            {
                End();
            }
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && !writing && pending.Count > 0)
        {
            writing = true;
            try
            {
                context.AddRange(Records());
                await context.SaveChangesAsync(cancellationToken);
                if (ownTransaction is not null)
                {
                    await ownTransaction.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                End();
            }
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (!writing)
        {
            ownTransaction?.Rollback();
            End();
        }
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!writing && ownTransaction is not null)
        {
            await ownTransaction.RollbackAsync(cancellationToken);
        }
        if (!writing)
        {
            End();
        }
    }

    private void End()
    {
        ownTransaction?.Dispose();
        ownTransaction = null;
        pending.Clear();
        temporaries.Clear();
        writing = false;
    }

    /// <summary>Notes what is about to change; the context when something worth a record is.</summary>
    private DbContext? Capture(DbContext? context)
    {
        if (context is null || writing || audit.Suppressed)
        {
            return null;
        }
        pending.Clear();
        temporaries.Clear();
        // The field-rules interceptor has just detected changes; scanning every tracked row again would slow big saves.
        var detect = context.ChangeTracker.AutoDetectChangesEnabled;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            CaptureEntries(context);
        }
        finally
        {
            context.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        return pending.Count > 0 ? context : null;
    }

    private void CaptureEntries(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditRecord)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("The audit trail is append-only: an audit record cannot be changed or deleted.");
                }
                continue;
            }
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || AuditPolicy.IsLeftOut(entry.Metadata.ClrType))
            {
                continue;
            }
            var changes = Changes(entry, temporaries);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.Created,
                EntityState.Deleted => AuditActions.Deleted,
                _ => AuditActions.Changed,
            };
            pending.Add(new Pending(entry, action, changes));
        }
    }

    private static JsonObject Changes(EntityEntry entry, List<Temporary> temporaries)
    {
        var changes = new JsonObject();
        foreach (var property in entry.Properties)
        {
            var meta = property.Metadata;
            var member = meta.PropertyInfo;
            if (AuditPolicy.IsIgnored(meta.DeclaringType.ClrType, meta.Name, member))
            {
                continue;
            }
            var old = entry.State == EntityState.Added ? null : property.OriginalValue;
            var current = entry.State == EntityState.Deleted ? null : property.CurrentValue;
            if (entry.State == EntityState.Modified && (!property.IsModified || Same(property, old, current)))
            {
                continue;
            }
            if (entry.State == EntityState.Added && current is null)
            {
                continue;
            }
            var field = JsonNamingPolicy.CamelCase.ConvertName(meta.Name);
            if (AuditPolicy.IsHidden(meta.DeclaringType.ClrType, meta.Name, member))
            {
                changes[field] = new JsonObject { ["hidden"] = true };
                continue;
            }
            var change = new JsonObject();
            if (entry.State != EntityState.Added)
            {
                change["old"] = Value(property, old);
            }
            if (entry.State != EntityState.Deleted)
            {
                change["new"] = Value(property, current);
            }
            if (property.IsTemporary)
            {
                temporaries.Add(new Temporary(change, "new", property));
            }
            changes[field] = change;
        }
        return changes;
    }

    private static bool Same(PropertyEntry property, object? old, object? current) =>
        property.Metadata.GetValueComparer() is { } comparer ? comparer.Equals(old, current) : Equals(old, current);

    private static JsonNode? Value(PropertyEntry property, object? value) => StoredValue(property.Metadata, value);

    /// <summary>
    /// The value as stored (an Instant as its UTC time, a list as its JSON), so both stores read alike;
    /// the bulk row writer records its rows' values through it too.
    /// </summary>
    internal static JsonNode? StoredValue(IProperty property, object? value) =>
        StoredForm(property, value) is { } stored ? JsonSerializer.SerializeToNode(stored, stored.GetType()) : null;

    /// <summary>
    /// The value in the form the trail records: as the store holds it (after the property's value
    /// converter), with moments in UTC and dates as ISO text. Writers that make JSON straight from
    /// rows (the PostgreSQL roster copy) serialise this, so every writer records the same text.
    /// </summary>
    internal static object? StoredForm(IProperty property, object? value)
    {
        if (value is null)
        {
            return null;
        }
        var converter = property.GetTypeMapping().Converter;
        return (converter is null ? value : converter.ConvertToProvider(value)) switch
        {
            DateTime time => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset moment => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
            var stored => stored,
        };
    }

    private IEnumerable<AuditRecord> Records()
    {
        // EF's placeholder values were recorded before the save; the store's own are known now.
        foreach (var (change, field, property) in temporaries)
        {
            change[field] = Value(property, property.CurrentValue);
        }
        foreach (var (entry, action, changes) in pending)
        {
            var key = entry.Metadata.FindPrimaryKey();
            var id = key is null ? "" : string.Join('/', key.Properties.Select(p =>
                Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
            yield return audit.NewRecord(AuditPolicy.NameOf(entry.Metadata.ClrType), id, action, SubjectOf(entry),
                changes.Count == 0 ? null : changes.ToJsonString());
        }
    }

    private static int? SubjectOf(EntityEntry entry) => entry.Entity switch
    {
        Person person => person.Id,
        UserAccount account => account.PersonId,
        _ => entry.Metadata.FindProperty("PersonId") is { } property && property.ClrType == typeof(int)
            ? (int?)entry.Property(property.Name).CurrentValue
            : null,
    };
}

/// <summary>Which entities and fields the audit trail leaves out, hides or names.</summary>
public static class AuditPolicy
{
    // Identity's own columns that are secrets, or that change with every use.
    private static readonly HashSet<string> HiddenIdentity = [nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), nameof(IdentityUserToken<string>.Value)];

    private static readonly HashSet<string> IgnoredIdentity =
        [nameof(IdentityUser.ConcurrencyStamp), nameof(IdentityUser.AccessFailedCount), nameof(IdentityUser.NormalizedEmail), nameof(IdentityUser.NormalizedUserName)];

    public static bool IsLeftOut(Type type) => type.GetCustomAttribute<NotAuditedAttribute>() is not null;

    public static bool IsHidden(Type declaring, string name, PropertyInfo? member) =>
        member?.GetCustomAttribute<NotAuditedAttribute>() is not null
        || member?.GetCustomAttribute<PrivateTextAttribute>() is not null
        || IsIdentity(declaring) && HiddenIdentity.Contains(name);

    public static bool IsIgnored(Type declaring, string name, PropertyInfo? member) =>
        member?.GetCustomAttribute<AuditIgnoredAttribute>() is not null
        || IsIdentity(declaring) && IgnoredIdentity.Contains(name);

    private static bool IsIdentity(Type type) =>
        type.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true
        || type.BaseType?.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true;

    /// <summary>The entity's name in the trail and in <c>GET /api/audit?entity=…</c>: kebab case of its type.</summary>
    public static string NameOf(Type type)
    {
        var name = type.Name;
        if (name.IndexOf('`', StringComparison.Ordinal) is var tick and > 0)
        {
            name = name[..tick];
        }
        return name switch
        {
            nameof(MentoringProgram) => "program",
            nameof(UserAccount) => "account",
            "IdentityUserRole" => "account-role",
            "IdentityUserLogin" => "account-login",
            "IdentityUserToken" => "account-token",
            "IdentityUserClaim" => "account-claim",
            "IdentityRole" => "role",
            _ => JsonNamingPolicy.KebabCaseLower.ConvertName(name),
        };
    }
}
